package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for calls to Consul, so that many instances that lost
 * Consul at the same moment do not all come back at the same moment.
 */
final class Backoffs {

	private Backoffs() {
	}

	/**
	 * Return the wait before the next try.
	 * @param failures failures in a row, at least 1
	 * @param min wait after a first failure
	 * @param max longest wait
	 * @return a wait between half and all of {@code min * 2^(failures-1)}, at most
	 * {@code max}
	 */
	static Duration next(int failures, Duration min, Duration max) {
		long ceiling = min.toMillis() << Math.min(20, Math.max(0, failures - 1));
		ceiling = Math.max(1, Math.min(ceiling, max.toMillis()));
		long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
		return Duration.ofMillis(wait);
	}

}
