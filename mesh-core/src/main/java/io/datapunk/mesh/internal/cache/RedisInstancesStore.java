package io.datapunk.mesh.internal.cache;

import java.time.Duration;

import io.datapunk.mesh.internal.discovery.LookupDeadline;
import io.datapunk.mesh.internal.support.RateLimitedWarnings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The shared tier in Redis: one string key per service,
 * {@code <prefix>:instances:<service>}, holding the JSON of {@link InstancesCodec} and
 * expiring {@code redis.ttl + max-stale} after it was written; signed when a signing key
 * is set, and then refused unless signed with it. A refused value is logged at most once
 * a minute. Every command is bounded by the guard's timeout and skipped while the guard
 * leaves Redis alone; reads and deletes wait (deletes come from discovery events, never
 * from calls), writes do not. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class RedisInstancesStore implements SharedInstancesStore {

	private static final Log logger = LogFactory.getLog(RedisInstancesStore.class);

	/** At most one warning about refused values per this time. */
	static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private static final String PURPOSE = "instances";

	private final ReactiveStringRedisTemplate redis;

	private final RedisGuard guard;

	private final String keyPrefix;

	private final Duration expiry;

	private final InstancesCodec codec = new InstancesCodec();

	private final MessageSigner signer;

	private final RateLimitedWarnings warnings;

	public RedisInstancesStore(ReactiveStringRedisTemplate redis, RedisGuard guard, String prefix, Duration expiry,
			MessageSigner signer) {
		this.redis = redis;
		this.guard = guard;
		this.keyPrefix = prefix + ":instances:";
		this.expiry = expiry;
		this.signer = signer;
		this.warnings = new RateLimitedWarnings(logger, WARNING_INTERVAL, System::nanoTime);
	}

	@Override
	public SharedInstances read(String serviceId, CacheCounters counters) {
		if (!this.guard.tryAcquire()) {
			counters.redisErrors.increment();
			return null;
		}
		long start = System.nanoTime();
		String json;
		// A call's first look-up waits for Redis no longer than the call's deadline.
		Duration wait = LookupDeadline.cap(this.guard.timeout());
		try {
			json = this.redis.opsForValue()
				.get(this.keyPrefix + serviceId)
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(wait)
				.block();
			this.guard.succeeded(start);
		}
		catch (RuntimeException ex) {
			if (wait.equals(this.guard.timeout())) {
				// Cut short by the call's deadline, Redis is not to blame.
				this.guard.failed(start, ex);
			}
			counters.redisErrors.increment();
			logger.debug("Could not read the instances of '" + serviceId + "' from Redis: " + ex);
			return null;
		}
		if (json == null) {
			return null;
		}
		try {
			return this.codec.decode(serviceId, this.signer.verify(PURPOSE, json));
		}
		catch (IllegalArgumentException ex) {
			this.warnings.warn("refused list",
					"Ignored the instances of '" + serviceId + "' in Redis: " + ex.getMessage());
			return null;
		}
	}

	@Override
	public void write(SharedInstances instances) {
		write(instances, null);
	}

	@Override
	public void write(SharedInstances instances, CacheCounters counters) {
		if (!this.guard.tryAcquire()) {
			return;
		}
		String json = this.signer.sign(PURPOSE, this.codec.encode(instances));
		long start = System.nanoTime();
		this.redis.opsForValue()
			.set(this.keyPrefix + instances.serviceId(), json, this.expiry)
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.guard.timeout())
			.subscribe((done) -> this.guard.succeeded(start), (ex) -> {
				this.guard.failed(start, ex);
				if (counters != null) {
					counters.redisErrors.increment();
				}
				logger.debug("Could not write the instances of '" + instances.serviceId() + "' to Redis: " + ex);
			});
	}

	@Override
	public void delete(String serviceId) {
		if (!this.guard.tryAcquire()) {
			return;
		}
		long start = System.nanoTime();
		try {
			// Waited for: a look-up that follows must not read the outdated entry.
			this.redis.delete(this.keyPrefix + serviceId)
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(this.guard.timeout())
				.block();
			this.guard.succeeded(start);
		}
		catch (RuntimeException ex) {
			this.guard.failed(start, ex);
			logger.debug("Could not delete the instances of '" + serviceId + "' from Redis: " + ex);
		}
	}

	@Override
	public boolean isEnabled() {
		return true;
	}

	@Override
	public String state() {
		return this.guard.state();
	}

}
