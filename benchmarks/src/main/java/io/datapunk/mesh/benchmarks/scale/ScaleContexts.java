package io.datapunk.mesh.benchmarks.scale;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * Starts the {@link ScaleApplication} with a number of configured services, and calls
 * them through the mesh.
 *
 * @author datapunk mesh team
 */
final class ScaleContexts {

	/**
	 * The bean name of the mesh-aware {@code RestClient.Builder}
	 * ({@code @MeshRestClient}).
	 */
	private static final String MESH_REST_CLIENT_BUILDER = "meshRestClientBuilder";

	private ScaleContexts() {
	}

	/**
	 * Start the application.
	 * @param services how many services {@code mesh.services} configures:
	 * {@code service-0} and on
	 * @param instances how many static instances each has
	 * @param meters whether meters are kept (the starter's registry), or every one is
	 * denied
	 * @param classLoader the class loader of the application, which sees the
	 * {@code @MeshClient} interfaces it should find
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(int services, int instances, boolean meters, ClassLoader classLoader) {
		SpringApplication application = new SpringApplication(ScaleApplication.class);
		application.setResourceLoader(new DefaultResourceLoader(classLoader));
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(properties(services, instances));
		if (!meters) {
			application.addInitializers((context) -> context.getBeanFactory()
				.registerSingleton(ScaleApplication.NO_METERS, ScaleApplication.noMeters()));
		}
		return inClassLoader(classLoader, application::run);
	}

	/**
	 * Run an action with a context class loader: HTTP interface proxies are made in that
	 * one, which must see the generated interfaces.
	 * @param <T> what the action returns
	 * @param classLoader the class loader
	 * @param action the action
	 * @return what it returned
	 */
	static <T> T inClassLoader(ClassLoader classLoader, Supplier<T> action) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		try {
			return action.get();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * Call every configured service once, through the mesh.
	 * @param context the running application
	 * @param services how many services it configures
	 * @param callsPerService how many calls each gets
	 */
	static void callAll(ConfigurableApplicationContext context, int services, int callsPerService) {
		RestClient client = context.getBean(MESH_REST_CLIENT_BUILDER, RestClient.Builder.class).build();
		for (int call = 0; call < callsPerService; call++) {
			for (int i = 0; i < services; i++) {
				client.get()
					.uri("http://{service}/items/42", GeneratedMeshClients.serviceId(i))
					.retrieve()
					.toBodilessEntity();
			}
		}
	}

	private static Map<String, Object> properties(int services, int instances) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "scale");
		properties.put("spring.jmx.enabled", "false");
		properties.put("logging.level.root", "WARN");
		for (int i = 0; i < services; i++) {
			String prefix = "mesh.services." + GeneratedMeshClients.serviceId(i) + ".instances[";
			for (int j = 0; j < instances; j++) {
				// Addresses nothing listens on: the stub transport never connects.
				properties.put(prefix + j + "]", "http://127.0.0.1:" + (20000 + j));
			}
		}
		return properties;
	}

}
