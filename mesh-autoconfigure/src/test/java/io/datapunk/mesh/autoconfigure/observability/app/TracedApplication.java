package io.datapunk.mesh.autoconfigure.observability.app;

import java.util.Map;

import io.datapunk.mesh.MeshClient;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.GetExchange;

/**
 * A web application that is both ends of a traced call: it serves {@code /items/{id}}
 * (answering with the {@code traceparent} it received and its own trace and span ids) and
 * calls service {@code inventory} through a {@code @MeshClient}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TracedApplication {

	@MeshClient("inventory")
	public interface InventoryClient {

		@GetExchange("/items/{id}")
		Map<String, String> item(@PathVariable String id);

	}

	@RestController
	static class ItemController {

		private static final Log logger = LogFactory.getLog(ItemController.class);

		private final Tracer tracer;

		ItemController(Tracer tracer) {
			this.tracer = tracer;
		}

		@GetMapping("/items/{id}")
		Map<String, String> item(@PathVariable String id,
				@RequestHeader(name = "traceparent", required = false) String traceparent) {
			Span span = this.tracer.currentSpan();
			logger.info("Serving item " + id);
			return Map.of("traceparent", (traceparent != null) ? traceparent : "", "traceId",
					(span != null) ? span.context().traceId() : "", "spanId",
					(span != null) ? span.context().spanId() : "");
		}

	}

}
