package io.datapunk.mesh.autoconfigure.resilience.webflux;

import java.util.Map;

import io.datapunk.mesh.MeshClient;
import io.datapunk.mesh.MeshException;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.GetExchange;

/**
 * A WebFlux application with the whole mesh auto-configuration whose controller calls the
 * {@code stock} service through a reactive {@link MeshClient}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StockApplication {

	@MeshClient("stock")
	public interface StockClient {

		@GetExchange("/items/{id}")
		Mono<Map<String, Object>> item(@PathVariable int id);

	}

	@RestController
	static class StockController {

		private final StockClient stock;

		StockController(StockClient stock) {
			this.stock = stock;
		}

		@GetMapping("/stock/{id}")
		Mono<Map<String, Object>> stock(@PathVariable int id) {
			return this.stock.item(id);
		}

		/** A mesh failure, named, so that the test sees which one it was. */
		@ExceptionHandler(MeshException.class)
		ResponseEntity<String> meshFailure(MeshException ex) {
			return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(ex.getClass().getSimpleName());
		}

	}

}
