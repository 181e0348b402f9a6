package io.datapunk.mesh.test.consul;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Consul writes them (Go's {@code time.ParseDuration}): {@code 10s},
 * {@code 1m30s}, {@code 500ms}, {@code 2h}.
 */
final class GoDurations {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

	private GoDurations() {
	}

	static Duration parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (value.chars().allMatch(Character::isDigit)) {
			// Consul reads a bare number of a wait as seconds.
			return Duration.ofSeconds(Long.parseLong(value));
		}
		Matcher matcher = PART.matcher(value);
		double nanos = 0;
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() != end) {
				throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
			}
			end = matcher.end();
			double amount = Double.parseDouble(matcher.group(1));
			nanos += amount * switch (matcher.group(2)) {
				case "ns" -> 1;
				case "us", "µs" -> 1_000;
				case "ms" -> 1_000_000;
				case "s" -> 1_000_000_000L;
				case "m" -> 60_000_000_000L;
				default -> 3_600_000_000_000L;
			};
		}
		if (end != value.length() || end == 0) {
			throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
		}
		return Duration.ofNanos((long) nanos);
	}

}
