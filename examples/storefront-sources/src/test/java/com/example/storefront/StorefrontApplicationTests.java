package com.example.storefront;

import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick-start application started as a user's test starts it (its own
 * {@code application.yml}, a real web server on a free port), with the three
 * {@code inventory} instances of the yaml replaced by three real HTTP servers on
 * 127.0.0.1: calls through the {@code @MeshClient} and through the
 * {@code @MeshRestClient} builder reach all three. Shared by the Boot 3.5 and Boot 4
 * examples, which compile it against their own line.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StorefrontApplicationTests {

	private static final int CALLS = 30;

	@RegisterExtension
	static final TestHttpServers inventory = TestHttpServers.named("inventory-1", "inventory-2", "inventory-3");

	@DynamicPropertySource
	static void inventoryInstances(DynamicPropertyRegistry registry) {
		// Replaces the yaml's whole list: a list is bound from one property source only.
		registry.add("mesh.services.inventory.instances", inventory::uris);
	}

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private OrderService orders;

	@Test
	void productsAreServedByAllThreeInstancesThroughTheMeshClient() {
		RestClient storefront = RestClient.create("http://127.0.0.1:" + this.port);
		for (int id = 0; id < CALLS; id++) {
			ResponseEntity<String> product = storefront.get()
				.uri("/products/{id}", id)
				.retrieve()
				.toEntity(String.class);
			assertThat(product.getStatusCode().value()).isEqualTo(200);
		}
		InventoryAssertions.everyCallReachedOneInstanceAndAllThreeServed(inventory, CALLS);
	}

	@Test
	void ordersReachAllThreeInstancesThroughTheMeshRestClientBuilder() {
		for (int id = 0; id < CALLS; id++) {
			assertThat(this.orders.item(Integer.toString(id))).isNotNull();
		}
		InventoryAssertions.everyCallReachedOneInstanceAndAllThreeServed(inventory, CALLS);
	}

	@Test
	void meshEndpointShowsTheServiceWithItsThreeInstancesUp() {
		String mesh = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/actuator/mesh")
			.retrieve()
			.body(String.class);
		// The yaml's three addresses were replaced by the test's three servers, all up.
		assertThat(mesh).contains("\"inventory\":{\"status\":\"UP\",\"instances\":3,\"available\":3");
	}

}
