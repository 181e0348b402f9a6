package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What stands between the mesh and Redis: a time limit per command and a Resilience4j
 * circuit breaker, so that a Redis that is down or slow is left alone for a while rather
 * than waited for, and tried again on its own. One state change, not every failure, is
 * logged. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class RedisGuard {

	private static final Log logger = LogFactory.getLog(RedisGuard.class);

	private final CircuitBreaker breaker;

	private final Duration timeout;

	/** Whether a first connection was made; until then commands are not even tried. */
	private volatile boolean connected;

	public RedisGuard(Duration timeout, Duration retryAfter) {
		this.timeout = timeout;
		// Not in the application's registry: its name would share the namespace of the
		// called services' breakers.
		this.breaker = CircuitBreaker.of("mesh-cache-redis",
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(10)
					.minimumNumberOfCalls(3)
					.failureRateThreshold(50)
					.waitDurationInOpenState(retryAfter)
					.permittedNumberOfCallsInHalfOpenState(1)
					.build());
		this.breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.State from = event.getStateTransition().getFromState();
			switch (event.getStateTransition().getToState()) {
				// From half-open back to open is the same outage: told once.
				case OPEN -> logIf(from == CircuitBreaker.State.CLOSED,
						"Redis is failing; the mesh goes on without it and tries it again in " + retryAfter.toMillis()
								+ " ms");
				case CLOSED -> logger.info("Redis answers again; the mesh uses it");
				default -> {
				}
			}
		});
	}

	private static void logIf(boolean condition, String message) {
		if (condition) {
			logger.warn(message);
		}
	}

	Duration timeout() {
		return this.timeout;
	}

	/**
	 * Ask whether a command may be sent now.
	 * @return {@code false} while Redis is left alone
	 */
	boolean tryAcquire() {
		return this.connected && this.breaker.tryAcquirePermission();
	}

	/**
	 * Note that a first connection was made. Until then commands are skipped: a command
	 * cut short by its time limit would cut the connection attempt short too, and one
	 * would never be made on a slow start.
	 */
	void connected() {
		if (!this.connected) {
			this.connected = true;
			logger.debug("Connected to Redis");
		}
	}

	void succeeded(long startNanos) {
		this.breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	void failed(long startNanos, Throwable failure) {
		this.breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, failure);
	}

	String state() {
		if (!this.connected) {
			return "connecting";
		}
		return switch (this.breaker.getState()) {
			case CLOSED -> "available";
			case HALF_OPEN -> "probing";
			default -> "unavailable";
		};
	}

}
