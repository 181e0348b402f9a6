package io.datapunk.mesh.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.sample.inventory.InventoryApplication;
import io.datapunk.mesh.sample.reactivestorefront.ReactiveStorefrontApplication;
import io.datapunk.mesh.sample.storefront.StorefrontApplication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the sample. With no profile, everything in this JVM: three inventory replicas on
 * free ports, then a storefront that calls them through the mesh. With profile
 * {@code storefront} or {@code inventory}, that app alone; with profile {@code reactive},
 * the storefront runs on WebFlux with a reactive {@code @MeshClient}. The arguments
 * configure the storefront (or the app started alone), the app a user talks to.
 * <p>
 * Not a {@code @SpringBootApplication} on purpose: each app scans its own package only.
 *
 * @author datapunk mesh team
 */
public final class SampleApplication {

	static final int INVENTORY_REPLICAS = 3;

	private static final String INVENTORY_INSTANCES = "mesh.services.inventory.instances";

	// Where an inventory started alone listens (inventory.yml): a storefront
	// started alone finds it there unless told otherwise.
	private static final String STANDALONE_INVENTORY = "http://127.0.0.1:8081";

	private static final Log logger = LogFactory.getLog(SampleApplication.class);

	private SampleApplication() {
	}

	/**
	 * Start the sample.
	 * @param args the application arguments
	 */
	public static void main(String[] args) {
		switch (LaunchMode.of(args)) {
			case STOREFRONT -> runStorefront(List.of(STANDALONE_INVENTORY), args);
			case INVENTORY -> InventoryApplication.builder().run(args);
			case ALL -> {
				RunningSample sample = runAll(args);
				logger.info("Inventory replicas: " + String.join(", ", sample.inventoryUrls())
						+ "; try: curl localhost:" + sample.storefrontPort() + "/products/42");
			}
		}
	}

	/**
	 * Start the inventory replicas, then a storefront that calls them.
	 * @param args the storefront's arguments
	 * @return the started contexts
	 */
	static RunningSample runAll(String... args) {
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		try {
			boolean showcase = Showcase.isEnabled(args);
			boolean consul = ConsulProfile.isActive(args);
			for (int i = 0; i < INVENTORY_REPLICAS; i++) {
				List<String> replicaArgs = new ArrayList<>();
				if (showcase) {
					replicaArgs.addAll(List.of(Showcase.faultsOfReplica(i)));
				}
				if (consul) {
					replicaArgs.addAll(List.of(ConsulProfile.replicaArguments(args)));
				}
				replicas.add(runInventoryReplica(replicaArgs.toArray(String[]::new)));
			}
			// With Consul, the storefront finds the replicas there, not in a list.
			List<String> urls = consul ? List.of() : replicas.stream().map(SampleApplication::urlOf).toList();
			return new RunningSample(replicas, runStorefront(urls, showcase, args));
		}
		catch (RuntimeException ex) {
			// Running replicas would keep the JVM alive after the failed start.
			replicas.forEach(ConfigurableApplicationContext::close);
			throw ex;
		}
	}

	/**
	 * Start a storefront that calls the given inventory instances.
	 * @param inventoryInstances the instance addresses, such as
	 * {@code http://127.0.0.1:8081}
	 * @param args the storefront's arguments
	 * @return the started context
	 */
	static ConfigurableApplicationContext runStorefront(List<String> inventoryInstances, String... args) {
		return runStorefront(inventoryInstances, false, args);
	}

	private static ConfigurableApplicationContext runStorefront(List<String> inventoryInstances, boolean traffic,
			String... args) {
		Map<String, Object> instances = new LinkedHashMap<>();
		instances.put("sample.traffic.enabled", traffic);
		for (int i = 0; i < inventoryInstances.size(); i++) {
			instances.put(INVENTORY_INSTANCES + "[" + i + "]", inventoryInstances.get(i));
		}
		// Default properties, the lowest precedence: arguments and the environment
		// (MESH_SERVICES_INVENTORY_INSTANCES_0, ...) replace the whole list.
		SpringApplicationBuilder storefront = ReactiveProfile.isActive(args) ? ReactiveStorefrontApplication.builder()
				: StorefrontApplication.builder();
		return storefront.properties(instances).run(args);
	}

	private static ConfigurableApplicationContext runInventoryReplica(String... extraArgs) {
		// An argument outranks system properties and the environment: a SERVER_PORT meant
		// for the storefront must not make three replicas fight over one port.
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		args.addAll(List.of(extraArgs));
		return InventoryApplication.builder().bannerMode(Banner.Mode.OFF).run(args.toArray(String[]::new));
	}

	static int portOf(ApplicationContext context) {
		// The key Spring Boot publishes on both lines (WebServerApplicationContext moved
		// package in Boot 4).
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	static String urlOf(ApplicationContext context) {
		return "http://127.0.0.1:" + portOf(context);
	}

}
