package io.datapunk.mesh.sample.storefront;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The storefront app. This package is its auto-configuration package, so the mesh finds
 * {@link InventoryClient} here, and its component scan leaves the inventory app alone.
 *
 * @author datapunk mesh team
 */
@SpringBootApplication
public class StorefrontApplication {

	/**
	 * Return a builder of a storefront context that reads {@code storefront.yml}.
	 * @return a new builder
	 */
	public static SpringApplicationBuilder builder() {
		// The inventory app shares this class path: its own file name keeps the
		// inventory's settings out of this context. As the main class, this class
		// names the app in the startup log, not the launcher.
		return new SpringApplicationBuilder(StorefrontApplication.class).main(StorefrontApplication.class)
			.properties("spring.config.name=storefront");
	}

}
