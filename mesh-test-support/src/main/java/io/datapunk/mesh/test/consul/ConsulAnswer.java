package io.datapunk.mesh.test.consul;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * An answer of the Consul test agent, as its HTTP API writes it: a status, a text or JSON
 * body, and for a query that can block the {@code X-Consul-Index} headers.
 *
 * @param status the HTTP status
 * @param body the body, empty for none
 * @param json whether the body is JSON
 * @param index the index to send in {@code X-Consul-Index}, {@code null} for an endpoint
 * that has none
 * @author datapunk mesh team
 */
record ConsulAnswer(int status, String body, boolean json, Long index) {

	static ConsulAnswer text(int status, String body) {
		return new ConsulAnswer(status, body, false, null);
	}

	static ConsulAnswer json(JsonNode body, Long index) {
		return new ConsulAnswer(200, body.toString(), true, index);
	}

	void sendTo(HttpExchange exchange) throws IOException {
		byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", this.json ? "application/json" : "text/plain; charset=utf-8");
		if (this.index != null) {
			exchange.getResponseHeaders().set("X-Consul-Index", Long.toString(this.index));
			exchange.getResponseHeaders().set("X-Consul-KnownLeader", "true");
			exchange.getResponseHeaders().set("X-Consul-LastContact", "0");
		}
		// -1 tells the JDK server there is no body; 0 would start a chunked one.
		exchange.sendResponseHeaders(this.status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
