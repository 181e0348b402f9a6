package io.datapunk.mesh.internal.cache;

import java.time.Duration;

import io.datapunk.mesh.internal.support.BackgroundRetry;
import io.datapunk.mesh.internal.support.Backoff;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Makes the first connection to Redis in the background at startup, without a time limit
 * of the mesh's own (Lettuce's connect timeout applies), trying again with a growing
 * pause until it succeeds: the application starts and calls work while Redis is down or
 * slow to answer. After that, Lettuce keeps the connection and reconnects on its own.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class RedisConnector implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisConnector.class);

	/** Waits between tries: from 100 ms up to 5 s, full jitter. */
	private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

	private final MeshRedis redis;

	private volatile BackgroundRetry connecting;

	public RedisConnector(MeshRedis redis) {
		this.redis = redis;
	}

	@Override
	public void start() {
		BackgroundRetry retry = BackgroundRetry.onOwnThread("redis-connect", BACKOFF, this::connect,
				(failures, ex, wait) -> {
					if (failures == 1) {
						logger.warn("Redis does not answer; the mesh goes on without it and keeps trying ("
								+ describe(ex) + ")");
					}
				});
		this.connecting = retry;
		retry.start();
	}

	private void connect() {
		this.redis.template().execute((connection) -> connection.ping()).blockLast(Duration.ofSeconds(30));
		this.redis.guard().connected();
	}

	static String describe(Throwable ex) {
		// The class and message of the deepest cause: no connection details beyond
		// what Lettuce itself puts in messages (host and port, never the password).
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	@Override
	public void stop() {
		BackgroundRetry retry = this.connecting;
		this.connecting = null;
		if (retry != null) {
			retry.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.connecting != null;
	}

}
