package io.datapunk.mesh.sample;

import java.util.List;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Profile {@code reactive}: the storefront runs on WebFlux (Reactor Netty) and calls the
 * inventory through a reactive {@code @MeshClient}, instead of on Spring MVC with a
 * blocking one. The inventory replicas are the same.
 *
 * @author datapunk mesh team
 */
final class ReactiveProfile {

	static final String NAME = "reactive";

	private ReactiveProfile() {
	}

	static boolean isActive(String... args) {
		// Needed before any context exists: read it where Boot would.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return List.of(environment.getActiveProfiles()).contains(NAME);
	}

}
