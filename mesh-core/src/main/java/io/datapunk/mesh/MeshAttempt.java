package io.datapunk.mesh;

import java.net.URI;
import java.time.Duration;

/**
 * One attempt of a logical mesh call: the instance it went to and how it ended.
 *
 * @param number the attempt number, starting at 1
 * @param instance the URI of the instance the attempt was sent to
 * @param outcome how the attempt ended, such as {@code HTTP 503} or
 * {@code ConnectException: Connection refused}
 * @param duration how long the attempt took
 * @param requeued whether the request was sent elsewhere at once because no server
 * processed it (a failed connection); a requeue does not count against
 * {@code retry.max-attempts}
 * @since 0.1.0
 */
public record MeshAttempt(int number, URI instance, String outcome, Duration duration, boolean requeued) {

	/**
	 * Create an attempt that was not requeued.
	 * @param number the attempt number, starting at 1
	 * @param instance the URI of the instance the attempt was sent to
	 * @param outcome how the attempt ended
	 * @param duration how long the attempt took
	 */
	public MeshAttempt(int number, URI instance, String outcome, Duration duration) {
		this(number, instance, outcome, duration, false);
	}

	/**
	 * Return this attempt marked as requeued.
	 * @return a copy that says the request was sent elsewhere
	 */
	public MeshAttempt asRequeued() {
		return new MeshAttempt(this.number, this.instance, this.outcome, this.duration, true);
	}

	@Override
	public String toString() {
		return "#" + this.number + " " + this.instance + " -> " + this.outcome + " (" + this.duration.toMillis()
				+ ((this.requeued) ? " ms, requeued)" : " ms)");
	}

}
