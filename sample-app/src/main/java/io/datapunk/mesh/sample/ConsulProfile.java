package io.datapunk.mesh.sample;

import java.util.Arrays;
import java.util.List;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Profile {@code consul}: the inventory replicas register in Consul and the storefront
 * finds them there (and shares its cache in Redis), instead of the launcher handing it
 * their addresses.
 *
 * @author datapunk mesh team
 */
final class ConsulProfile {

	static final String NAME = "consul";

	private ConsulProfile() {
	}

	static boolean isActive(String... args) {
		// Needed before any context exists: read it where Boot would.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return List.of(environment.getActiveProfiles()).contains(NAME);
	}

	/**
	 * Return the arguments the replicas need as well: the profile, and where Consul and
	 * Redis are.
	 */
	static String[] replicaArguments(String... args) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--spring.profiles.active=") || arg.startsWith("--spring.cloud.consul.")
					|| arg.startsWith("--spring.data.redis."))
			.toArray(String[]::new);
	}

}
