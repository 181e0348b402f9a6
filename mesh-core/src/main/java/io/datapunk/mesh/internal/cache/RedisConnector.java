package io.datapunk.mesh.internal.cache;

import java.time.Duration;

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

	private static final long MAX_PAUSE = 5000;

	private final MeshRedis redis;

	private volatile Thread thread;

	public RedisConnector(MeshRedis redis) {
		this.redis = redis;
	}

	@Override
	public void start() {
		Thread connecting = new Thread(this::connect, "mesh-redis-connect");
		connecting.setDaemon(true);
		this.thread = connecting;
		connecting.start();
	}

	private void connect() {
		long pause = 100;
		int attempts = 0;
		while (this.thread == Thread.currentThread()) {
			try {
				this.redis.template().execute((connection) -> connection.ping()).blockLast(Duration.ofSeconds(30));
				this.redis.guard().connected();
				return;
			}
			catch (RuntimeException ex) {
				if (++attempts == 1) {
					logger.warn("Redis does not answer; the mesh goes on without it and keeps trying (" + describe(ex)
							+ ")");
				}
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				return;
			}
			pause = Math.min(pause * 2, MAX_PAUSE);
		}
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
		Thread connecting = this.thread;
		this.thread = null;
		if (connecting != null) {
			connecting.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
