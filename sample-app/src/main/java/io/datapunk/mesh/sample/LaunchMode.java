package io.datapunk.mesh.sample;

import java.util.List;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What the launcher starts, chosen by the active profiles.
 *
 * @author datapunk mesh team
 */
enum LaunchMode {

	/**
	 * Three inventory replicas and a storefront calling them (no profile, or both).
	 */
	ALL,

	/**
	 * The storefront alone (profile {@code storefront}).
	 */
	STOREFRONT,

	/**
	 * One inventory replica alone (profile {@code inventory}).
	 */
	INVENTORY;

	static LaunchMode of(String... args) {
		// The mode is needed before any context exists: read spring.profiles.active from
		// the sources Boot reads it from (arguments, system properties, environment).
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		List<String> profiles = List.of(environment.getActiveProfiles());
		boolean storefront = profiles.contains("storefront");
		boolean inventory = profiles.contains("inventory");
		if (storefront == inventory) {
			return ALL;
		}
		return storefront ? STOREFRONT : INVENTORY;
	}

}
