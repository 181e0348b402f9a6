package io.datapunk.mesh.autoconfigure.config;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * The defaults that the configuration metadata shows (IDEs, docs) are the ones the mesh
 * uses: binding every documented default gives the same settings as binding nothing.
 */
class ConfigurationMetadataDefaultsTests {

	/** Keys whose default is "not set". */
	private static final List<String> WITHOUT_DEFAULT = List.of("mesh.defaults.attempt-timeout",
			"mesh.defaults.tls.bundle");

	@Test
	void documentedDefaultsShouldBeTheBuiltInOnes() throws Exception {
		Map<String, String> documented = documentedDefaults();
		assertThat(documented).containsKeys("mesh.defaults.retry.max-attempts",
				"mesh.defaults.circuit-breaker.failure-rate-threshold", "mesh.defaults.retry-budget.retry-ratio",
				"mesh.defaults.outlier-detection.panic-threshold", "mesh.defaults.timeout",
				"mesh.defaults.tls.verify-hostname");
		MeshProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bind("mesh", Bindable.ofInstance(new MeshProperties()))
			.get();
		ServiceSettings fromDocumented = MeshSettingsResolver.resolve(bound, null).service("inventory");
		ServiceSettings builtIn = MeshSettingsResolver.resolve(new MeshProperties(), null).service("inventory");
		assertThat(fromDocumented).isEqualTo(builtIn);
	}

	@Test
	void everyDefaultsKeyShouldDocumentItsDefault() throws Exception {
		Map<String, String> documented = documentedDefaults();
		for (String key : metadataKeys()) {
			if (key.startsWith("mesh.defaults.") && !WITHOUT_DEFAULT.contains(key)) {
				assertThat(documented).as(key).containsKey(key);
			}
		}
	}

	private static Map<String, String> documentedDefaults() throws Exception {
		Map<String, String> defaults = new HashMap<>();
		for (JsonNode property : metadata().get("properties")) {
			JsonNode value = property.get("defaultValue");
			if (value != null && property.get("name").asText().startsWith("mesh.defaults.")) {
				defaults.put(property.get("name").asText(), value.isArray() ? join(value) : value.asText());
			}
		}
		return defaults;
	}

	private static List<String> metadataKeys() throws Exception {
		return metadata().get("properties").findValuesAsText("name");
	}

	private static String join(JsonNode array) {
		return java.util.stream.StreamSupport.stream(array.spliterator(), false)
			.map(JsonNode::asText)
			.collect(Collectors.joining(","));
	}

	/** The mesh's metadata, among those of every jar on the class path. */
	private static JsonNode metadata() throws Exception {
		Enumeration<URL> all = ConfigurationMetadataDefaultsTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (all.hasMoreElements()) {
			try (InputStream in = all.nextElement().openStream()) {
				JsonNode metadata = new ObjectMapper().readTree(in);
				if (metadata.get("properties").findValuesAsText("name").contains("mesh.enabled")) {
					return metadata;
				}
			}
		}
		throw new IllegalStateException("No configuration metadata of the mesh on the class path");
	}

}
