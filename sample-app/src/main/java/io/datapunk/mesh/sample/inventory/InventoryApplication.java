package io.datapunk.mesh.sample.inventory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The inventory app. Its component scan covers this package only, so that it shares
 * nothing with the storefront that runs in the same JVM.
 *
 * @author datapunk mesh team
 */
@SpringBootApplication
public class InventoryApplication {

	/**
	 * Return a builder of an inventory context that reads {@code inventory.yml}.
	 * @return a new builder
	 */
	public static SpringApplicationBuilder builder() {
		// The storefront shares this class path: its own file name keeps the
		// storefront's settings (its name, its port) out of this context. As the main
		// class, this class names the app in the startup log, not the launcher.
		return new SpringApplicationBuilder(InventoryApplication.class).main(InventoryApplication.class)
			.properties("spring.config.name=inventory");
	}

}
