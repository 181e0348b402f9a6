package io.datapunk.mesh.autoconfigure.observability;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datapunk.mesh.autoconfigure.observability.app.TracedApplication.InventoryClient;
import io.datapunk.mesh.autoconfigure.observability.app.TracedApplication;
import io.datapunk.mesh.test.NoExternalServices;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call from one application to another through the mesh, with Micrometer Tracing's
 * OpenTelemetry bridge: the callee receives a W3C {@code traceparent} of the caller's
 * trace, serves in that trace, and its log lines carry the ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

	@Test
	void callAcrossTwoApplicationsShouldShareOneTrace(CapturedOutput output) {
		try (ConfigurableApplicationContext callee = start("inventory");
				ConfigurableApplicationContext caller = start("storefront",
						"mesh.services.inventory.instances=http://127.0.0.1:"
								+ callee.getEnvironment().getProperty("local.server.port"))) {
			ObservationRegistry observations = caller.getBean(ObservationRegistry.class);
			Tracer tracer = caller.getBean(Tracer.class);
			InventoryClient inventory = caller.getBean(InventoryClient.class);
			String[] callerTraceId = new String[1];
			Map<String, String> answer = Observation.createNotStarted("checkout", observations).observe(() -> {
				callerTraceId[0] = tracer.currentSpan().context().traceId();
				return inventory.item("42");
			});
			assertThat(callerTraceId[0]).hasSize(32);
			assertThat(answer.get("traceId")).isEqualTo(callerTraceId[0]);
			// W3C traceparent: version-traceid-parentid-flags, with the sampled bit set
			// (the OpenTelemetry of Boot 4 sets the random-trace-id bit too: 03).
			assertThat(answer.get("traceparent"))
				.matches("00-" + callerTraceId[0] + "-[0-9a-f]{16}-[0-9a-f][13579bdf]");
			// The callee's log line carries the trace id.
			// Spring Boot's log correlation: [traceId-spanId].
			assertThat(output.getAll())
				.containsPattern("\\[" + callerTraceId[0] + "-" + answer.get("spanId") + "\\].*Serving item 42");
		}
	}

	@Test
	void structuredLogLinesShouldCarryTheTrace(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext callee = start("inventory", "logging.structured.format.console=ecs");
				ConfigurableApplicationContext caller = start("storefront", "logging.structured.format.console=ecs",
						"mesh.services.inventory.instances=http://127.0.0.1:"
								+ callee.getEnvironment().getProperty("local.server.port"))) {
			Map<String, String> answer = caller.getBean(InventoryClient.class).item("7");
			String line = output.getAll()
				.lines()
				.filter((candidate) -> candidate.contains("Serving item 7"))
				.findFirst()
				.orElseThrow();
			Map<?, ?> json = new ObjectMapper().readValue(line, Map.class);
			assertThat(json.get("message")).isEqualTo("Serving item 7");
			assertThat(line).contains(answer.get("traceId")).contains(answer.get("spanId"));
		}
		finally {
			// Boot keeps the format in a system property, which would make every later
			// test in this JVM log JSON.
			System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		}
	}

	private static ConfigurableApplicationContext start(String name, String... properties) {
		return new SpringApplicationBuilder(TracedApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", NoExternalServices.NO_REDIS, NoExternalServices.NO_CONSUL,
					"server.address=127.0.0.1", "spring.application.name=" + name,
					"management.tracing.sampling.probability=1.0", "spring.config.name=traced-test")
			.properties(properties)
			.run();
	}

}
