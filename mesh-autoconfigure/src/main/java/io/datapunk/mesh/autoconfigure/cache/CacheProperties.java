package io.datapunk.mesh.autoconfigure.cache;

import io.datapunk.mesh.internal.cache.NearCacheSettings;
import java.time.Duration;

import io.datapunk.mesh.autoconfigure.config.PositiveDuration;
import io.datapunk.mesh.autoconfigure.config.ValidServiceName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the discovery cache and the mesh events, bound from
 * {@code mesh.cache.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mesh.cache")
@Validated
public class CacheProperties {

	/**
	 * Whether instance lists are cached in front of discovery.
	 */
	private boolean enabled = true;

	/**
	 * Time an instance list is served from the JVM before it is looked up again.
	 */
	@NotNull
	@PositiveDuration
	private Duration nearTtl = Duration.ofSeconds(5);

	/**
	 * Time before the end of near-ttl at which a list that is still in use is looked up
	 * again in the background, so that calls do not wait for it; shorter than near-ttl.
	 */
	@NotNull
	@PositiveDuration
	private Duration refreshAhead = Duration.ofSeconds(1);

	/**
	 * Longest time the last known list of a service is served, marked stale, while its
	 * discovery sources fail.
	 */
	@NotNull
	@PositiveDuration(max = "7d")
	private Duration maxStale = Duration.ofHours(1);

	/**
	 * Redis tier, shared by every application instance using the same prefix.
	 */
	@Valid
	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getNearTtl() {
		return this.nearTtl;
	}

	public void setNearTtl(Duration nearTtl) {
		this.nearTtl = nearTtl;
	}

	public Duration getRefreshAhead() {
		return this.refreshAhead;
	}

	public void setRefreshAhead(Duration refreshAhead) {
		this.refreshAhead = refreshAhead;
	}

	public Duration getMaxStale() {
		return this.maxStale;
	}

	public void setMaxStale(Duration maxStale) {
		this.maxStale = maxStale;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Settings of the Redis tier and the mesh events. The connection itself (host,
	 * password, TLS, client timeouts) is Spring Boot's, from {@code spring.data.redis.*}.
	 */
	public static class Redis {

		/**
		 * Whether instance lists are shared, and mesh events sent and heard, through
		 * Redis when the application has a Redis connection factory.
		 */
		private boolean enabled = true;

		/**
		 * Prefix of the mesh's Redis keys and channel: '<prefix>:instances:<service>' and
		 * '<prefix>:events'. Application instances that share it share lists and events.
		 */
		@NotNull
		@ValidServiceName
		private String prefix = "mesh";

		/**
		 * Time added to max-stale to make the lifetime of a shared list in Redis. A
		 * shared list is only a fallback while this application's sources fail.
		 */
		@NotNull
		@PositiveDuration
		private Duration ttl = Duration.ofSeconds(30);

		/**
		 * Time allowed for one Redis command; a slower one counts as failed and the cache
		 * goes on without Redis.
		 */
		@NotNull
		@PositiveDuration
		private Duration timeout = Duration.ofMillis(250);

		/**
		 * Time Redis is left alone after repeated failures before it is tried again.
		 */
		@NotNull
		@PositiveDuration
		private Duration retryAfter = Duration.ofSeconds(5);

		/**
		 * Secret key (at least 16 characters, the same on every application sharing the
		 * prefix) with which instance lists and events in Redis are signed (HMAC-SHA256);
		 * when set, unsigned or badly signed ones are refused. Without it, anyone who can
		 * write to Redis can redirect calls while discovery fails.
		 */
		private String signingKey;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getSigningKey() {
			return this.signingKey;
		}

		public void setSigningKey(String signingKey) {
			this.signingKey = signingKey;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	/**
	 * Return the times of the tier in the JVM as the engine takes them.
	 * @return the settings
	 */
	public NearCacheSettings toNearCacheSettings() {
		return new NearCacheSettings(this.nearTtl, this.refreshAhead, this.maxStale);
	}

}
