package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.datapunk.mesh.internal.support.BackgroundRetry;
import io.datapunk.mesh.internal.support.Backoff;
import io.datapunk.mesh.internal.support.RateLimitedWarnings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.spi.RemoteEjectionListener;

/**
 * The mesh events on Redis pub/sub, channel {@code <prefix>:events}: changed instance
 * lists, ejections and readmissions. Publishing hands the message to the Redis client and
 * returns; it is skipped while the guard leaves Redis alone. Each received message is
 * checked ({@link MeshEventCodec}, and its signature with a signing key); a bad one is
 * dropped with a warning logged at most once a minute, one of this application instance's
 * own is ignored, an expired one is dropped. The subscription is renewed on its own when
 * Redis comes back (Lettuce resubscribes a reconnected connection, the listener container
 * retries one that could not be made). Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class RedisMeshEvents
		implements MeshEventChannel, InstancesChangedChannel, MessageListener, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisMeshEvents.class);

	private static final String PURPOSE = "event";

	/** How long a change of an instance list is worth applying. */
	private static final Duration CHANGE_VALIDITY = Duration.ofSeconds(30);

	/** Waits between tries of the first subscription: from 200 ms up to 10 s. */
	private static final Backoff SUBSCRIBE_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

	/** Waits between the listener container's tries to renew a lost subscription. */
	private static final Backoff RECOVERY_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

	private final ReactiveStringRedisTemplate redis;

	private final RedisGuard guard;

	private final String channel;

	private final String origin;

	private final Clock clock;

	private final MeshEventCodec codec = new MeshEventCodec();

	private final MessageSigner signer;

	private final RateLimitedWarnings warnings;

	private final RedisMessageListenerContainer container;

	private final List<RemoteEjectionListener> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

	private volatile BackgroundRetry subscriber;

	public RedisMeshEvents(RedisConnectionFactory connections, ReactiveStringRedisTemplate redis, RedisGuard guard,
			String prefix, String origin, Clock clock, MessageSigner signer) {
		this.signer = signer;
		this.warnings = new RateLimitedWarnings(logger, RedisInstancesStore.WARNING_INTERVAL, System::nanoTime);
		this.redis = redis;
		this.guard = guard;
		this.channel = prefix + ":events";
		this.origin = origin;
		this.clock = clock;
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connections);
		// Applying an event is quick (a map removal, an ejection): no thread per message.
		this.container.setTaskExecutor(new SyncTaskExecutor());
		this.container.setRecoveryBackoff(new JitteredBackOff(RECOVERY_BACKOFF));
		this.container.addMessageListener(this, new ChannelTopic(this.channel));
		this.container.afterPropertiesSet();
	}

	@Override
	public void publishEjection(String serviceId, URI instance, Instant until) {
		publish(new MeshEvent(MeshEvent.Type.EJECTED, this.origin, serviceId, instance, until, until));
	}

	@Override
	public void publishReadmission(String serviceId, URI instance, Instant ejectedUntil) {
		publish(new MeshEvent(MeshEvent.Type.READMITTED, this.origin, serviceId, instance, ejectedUntil,
				this.clock.instant().plus(CHANGE_VALIDITY)));
	}

	@Override
	public void publishInstancesChanged(String serviceId) {
		publish(new MeshEvent(MeshEvent.Type.INSTANCES_CHANGED, this.origin, serviceId, null, null,
				this.clock.instant().plus(CHANGE_VALIDITY)));
	}

	@Override
	public void addListener(RemoteEjectionListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void addInstancesChangedListener(Consumer<String> listener) {
		this.changeListeners.add(listener);
	}

	private void publish(MeshEvent event) {
		if (!this.guard.tryAcquire()) {
			logger.debug("Redis is left alone for now; not published: " + event);
			return;
		}
		String message = this.signer.sign(PURPOSE, this.codec.encode(event));
		long start = System.nanoTime();
		// Sent from the calling thread: the guard lets nothing through before the first
		// connection was made, and Lettuce keeps (and reconnects) that connection, so
		// nothing here blocks, and no thread hop delays the event.
		this.redis.convertAndSend(this.channel, message)
			.timeout(this.guard.timeout())
			.subscribe((receivers) -> this.guard.succeeded(start), (ex) -> {
				this.guard.failed(start, ex);
				logger.debug("Could not publish " + event + ": " + ex);
			});
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String text = new String(message.getBody(), StandardCharsets.UTF_8);
		MeshEvent event;
		try {
			// The length is bounded before the signature is computed over it.
			MeshEventCodec.checkLength(text);
			event = this.codec.decode(this.signer.verify(PURPOSE, text));
		}
		catch (IllegalArgumentException ex) {
			this.warnings.warn("refused event",
					"Dropped a mesh event from Redis channel '" + this.channel + "': " + ex.getMessage());
			return;
		}
		if (this.origin.equals(event.origin())) {
			return;
		}
		Instant now = this.clock.instant();
		if (!event.expires().isAfter(now)) {
			logger.debug("Dropped an expired mesh event: " + event);
			return;
		}
		apply(event, now);
	}

	private void apply(MeshEvent event, Instant now) {
		switch (event.type()) {
			case INSTANCES_CHANGED -> this.changeListeners.forEach((listener) -> listener.accept(event.serviceId()));
			case EJECTED -> {
				if (event.until().isAfter(now)) {
					this.listeners
						.forEach((listener) -> listener.ejected(event.serviceId(), event.instance(), event.until()));
				}
			}
			case READMITTED -> this.listeners
				.forEach((listener) -> listener.readmitted(event.serviceId(), event.instance(), event.until()));
		}
	}

	/**
	 * Subscribe in the background, trying again with a growing pause while Redis cannot
	 * be reached or refuses: the application starts all the same.
	 */
	@Override
	public void start() {
		BackgroundRetry retry = BackgroundRetry.onOwnThread("redis-events", SUBSCRIBE_BACKOFF, this::subscribe,
				(failures, ex, wait) -> {
					if (failures == 1) {
						logger.warn("Could not subscribe to Redis channel '" + this.channel
								+ "'; mesh events are not heard until it works (" + RedisConnector.describe(ex) + ")");
					}
					stopQuietly();
				});
		this.subscriber = retry;
		retry.start();
	}

	private void subscribe() {
		this.container.start();
	}

	private void stopQuietly() {
		try {
			this.container.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not stop the listener container: " + ex);
		}
	}

	@Override
	public void stop() {
		BackgroundRetry subscribing = this.subscriber;
		this.subscriber = null;
		if (subscribing != null) {
			subscribing.stop();
		}
		stopQuietly();
	}

	@Override
	public boolean isRunning() {
		return this.subscriber != null;
	}

	@Override
	public void destroy() throws Exception {
		this.container.destroy();
	}

}
