package com.example.storefront;

import java.util.List;
import java.util.stream.IntStream;

import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user checks after calls {@code /items/0} to {@code /items/<calls - 1>}: each
 * reached exactly one instance, and the balancer spread them over all three.
 */
final class InventoryAssertions {

	private InventoryAssertions() {
	}

	static void everyCallReachedOneInstanceAndAllThreeServed(TestHttpServers inventory, int calls) {
		// No call lost or sent twice ...
		List<String> received = inventory.all()
			.stream()
			.flatMap((server) -> server.received().stream())
			.map((request) -> request.method() + " " + request.uri().getPath())
			.toList();
		assertThat(received)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, calls).mapToObj((id) -> "GET /items/" + id).toList());
		// ... and all three instances served.
		assertThat(inventory.all()).hasSize(3)
			.extracting(TestHttpServer::hits)
			.allSatisfy((hits) -> assertThat(hits).isPositive());
	}

}
