package io.datapunk.mesh.sample.inventory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Faults this replica shows on purpose, for the showcase: an added delay
 * ({@code sample.inventory.delay}) and a share of answers that are 503
 * ({@code sample.inventory.failure-rate}, 0 to 1). None by default.
 *
 * @author datapunk mesh team
 */
@Component
class ReplicaFaults {

	private final Duration delay;

	private final double failureRate;

	ReplicaFaults(@Value("${sample.inventory.delay:0ms}") Duration delay,
			@Value("${sample.inventory.failure-rate:0}") double failureRate) {
		this.delay = delay;
		this.failureRate = failureRate;
	}

	/**
	 * Wait the delay, then fail the request if this one is to fail.
	 */
	void apply() {
		if (!this.delay.isZero()) {
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.failureRate > 0 && ThreadLocalRandom.current().nextDouble() < this.failureRate) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "flaky on purpose");
		}
	}

}
