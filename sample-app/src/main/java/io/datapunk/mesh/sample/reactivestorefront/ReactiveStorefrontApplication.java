package io.datapunk.mesh.sample.reactivestorefront;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The storefront as a WebFlux app on Reactor Netty. Its own package is its
 * auto-configuration package, so the mesh finds {@link ReactiveInventoryClient} here and
 * the servlet storefront's beans stay out.
 *
 * @author datapunk mesh team
 */
@SpringBootApplication
public class ReactiveStorefrontApplication {

	/**
	 * Return a builder of a reactive storefront context that reads the servlet
	 * storefront's {@code storefront.yml}: the same port, mesh settings and endpoints.
	 * @return a new builder
	 */
	public static SpringApplicationBuilder builder() {
		// Spring MVC is on the class path too (the inventory replicas and the servlet
		// storefront use it): without the explicit type Boot would start a servlet
		// context.
		return new SpringApplicationBuilder(ReactiveStorefrontApplication.class)
			.main(ReactiveStorefrontApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties("spring.config.name=storefront");
	}

}
