package io.datapunk.mesh.sample;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The contexts of a started sample; closing it closes them all.
 *
 * @param inventoryReplicas the inventory replicas
 * @param storefront the storefront
 * @author datapunk mesh team
 */
record RunningSample(List<ConfigurableApplicationContext> inventoryReplicas,
		ConfigurableApplicationContext storefront) implements AutoCloseable {

	RunningSample {
		inventoryReplicas = List.copyOf(inventoryReplicas);
	}

	int storefrontPort() {
		return SampleApplication.portOf(this.storefront);
	}

	List<String> inventoryUrls() {
		return this.inventoryReplicas.stream().map(SampleApplication::urlOf).toList();
	}

	@Override
	public void close() {
		// The storefront first, so that no call goes to a replica that is shutting down.
		this.storefront.close();
		this.inventoryReplicas.forEach(ConfigurableApplicationContext::close);
	}

}
