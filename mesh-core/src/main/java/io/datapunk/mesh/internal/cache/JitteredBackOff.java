package io.datapunk.mesh.internal.cache;

import io.datapunk.mesh.internal.support.Backoff;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Spring's {@link BackOff} over the mesh's one {@link Backoff}, for the Redis listener
 * container's renewal of a lost subscription: the same full-jitter waits as every other
 * retry of the mesh, never giving up.
 *
 * @author datapunk mesh team
 */
final class JitteredBackOff implements BackOff {

	private final Backoff backoff;

	JitteredBackOff(Backoff backoff) {
		this.backoff = backoff;
	}

	@Override
	public BackOffExecution start() {
		int[] failures = { 0 };
		// Past 64 failures every ceiling is the maximum: the count stops there.
		return () -> this.backoff.delay(failures[0] = Math.min(failures[0] + 1, 64)).toMillis();
	}

}
