package io.datapunk.mesh.sample.reactivestorefront;

import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The storefront as a WebFlux app on Reactor Netty. Its own package is its
 * auto-configuration package, so the mesh finds {@link ReactiveInventoryClient} here and
 * the servlet storefront's beans stay out.
 *
 * @author datapunk mesh team
 */
@SpringBootApplication
public class ReactiveStorefrontApplication {

	/** Boot 4's name of the factory, then Boot 3's. */
	private static final List<String> NETTY_FACTORIES = List.of(
			"org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
			"org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory");

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
			.initializers(ReactiveStorefrontApplication::serveOnReactorNetty)
			.properties("spring.config.name=storefront");
	}

	/**
	 * Serve on Reactor Netty, where WebFlux runs without a servlet container: with Tomcat
	 * on the class path too (for the replicas), Boot would pick it first for a reactive
	 * app. Boot's Netty factory, registered here, is the one its auto-configuration backs
	 * off for; it is named because its package differs between Boot 3 and 4.
	 */
	private static void serveOnReactorNetty(ConfigurableApplicationContext context) {
		ClassLoader classLoader = ReactiveStorefrontApplication.class.getClassLoader();
		String factory = NETTY_FACTORIES.stream()
			.filter((name) -> ClassUtils.isPresent(name, classLoader))
			.findFirst()
			.orElseThrow(
					() -> new IllegalStateException("No Reactor Netty web server factory among " + NETTY_FACTORIES));
		((BeanDefinitionRegistry) context).registerBeanDefinition("nettyReactiveWebServerFactory",
				new RootBeanDefinition(ClassUtils.resolveClassName(factory, classLoader)));
	}

}
