package io.datapunk.mesh.sample;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The showcase the launcher sets up unless {@code sample.showcase.enabled=false}: of the
 * three inventory replicas, the second answers 503 to half its requests and the third
 * answers 300 ms late, and the storefront calls inventory steadily in the background, so
 * that ejections, retries and breaker states show within seconds.
 *
 * @author datapunk mesh team
 */
final class Showcase {

	private Showcase() {
	}

	static boolean isEnabled(String... args) {
		// Needed before any context exists: read it where Boot would (arguments, system
		// properties, environment).
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment.getProperty("sample.showcase.enabled", Boolean.class, true);
	}

	static String[] faultsOfReplica(int index) {
		return switch (index) {
			case 1 -> new String[] { "--sample.inventory.failure-rate=0.5" };
			case 2 -> new String[] { "--sample.inventory.delay=300ms" };
			default -> new String[0];
		};
	}

}
