package com.example.storefront;

import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Boot 4 example's HTTP service group, as its user would test it: the application
 * with its {@code application.yml}, the yaml's three {@code inventory} addresses replaced
 * by three real HTTP servers on 127.0.0.1; calls through the group's client reach all
 * three, as those through the {@code @MeshClient} do.
 */
@SpringBootTest
class InventoryGroupTests {

	private static final int CALLS = 30;

	@RegisterExtension
	static final TestHttpServers inventory = TestHttpServers.named("inventory-1", "inventory-2", "inventory-3");

	@DynamicPropertySource
	static void inventoryInstances(DynamicPropertyRegistry registry) {
		registry.add("mesh.services.inventory.instances", inventory::uris);
	}

	@Autowired
	private InventoryApi group;

	@Test
	void callsThroughTheServiceGroupReachAllThreeInstances() {
		for (int id = 0; id < CALLS; id++) {
			assertThat(this.group.item(Integer.toString(id))).isNotNull();
		}
		InventoryAssertions.everyCallReachedOneInstanceAndAllThreeServed(inventory, CALLS);
	}

}
