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
 * @since 0.1.0
 */
public record MeshAttempt(int number, URI instance, String outcome, Duration duration) {

	@Override
	public String toString() {
		return "#" + this.number + " " + this.instance + " -> " + this.outcome + " (" + this.duration.toMillis()
				+ " ms)";
	}

}
