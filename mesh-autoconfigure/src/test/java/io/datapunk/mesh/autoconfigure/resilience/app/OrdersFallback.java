package io.datapunk.mesh.autoconfigure.resilience.app;

import java.util.Map;

/**
 * Answers for the orders service when the mesh cannot reach it.
 */
public class OrdersFallback implements OrdersClient {

	@Override
	public Map<String, Object> order(String id) {
		return Map.of("server", "fallback", "id", id);
	}

	@Override
	public Map<String, Object> create(Map<String, Object> order) {
		return Map.of("server", "fallback");
	}

	@Override
	public Map<String, Object> createOnce(String key, Map<String, Object> order) {
		return Map.of("server", "fallback", "key", key);
	}

}
