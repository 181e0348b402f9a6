package com.example.storefront;

import io.datapunk.mesh.MeshRestClient;

import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

@Service
class OrderService {

	private final RestClient inventory;

	OrderService(@MeshRestClient RestClient.Builder builder) {
		this.inventory = builder.baseUrl("http://inventory").build(); // the host is the service name
	}

	Item item(String id) {
		return this.inventory.get().uri("/items/{id}", id).retrieve().body(Item.class);
	}

}
