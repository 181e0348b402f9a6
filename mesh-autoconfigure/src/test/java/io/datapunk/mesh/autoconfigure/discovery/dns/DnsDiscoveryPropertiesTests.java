package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata documents every {@code mesh.discovery.dns} key with the
 * default it really has.
 */
class DnsDiscoveryPropertiesTests {

	@Test
	void documentedDefaultsShouldBeTheBuiltInOnes() throws Exception {
		Map<String, String> documented = new HashMap<>();
		Map<String, String> descriptions = new HashMap<>();
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").asText();
			if (name.startsWith("mesh.discovery.dns.")) {
				descriptions.put(name, property.path("description").asText());
				if (property.has("defaultValue")) {
					documented.put(name, property.get("defaultValue").asText());
				}
			}
		}
		assertThat(descriptions).containsOnlyKeys("mesh.discovery.dns.enabled", "mesh.discovery.dns.name-pattern",
				"mesh.discovery.dns.servers", "mesh.discovery.dns.timeout", "mesh.discovery.dns.min-ttl",
				"mesh.discovery.dns.max-ttl", "mesh.discovery.dns.idle-timeout");
		assertThat(descriptions).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
		// Every key but the server list (empty: the system's resolvers) shows its
		// default.
		assertThat(documented).hasSize(6).doesNotContainKey("mesh.discovery.dns.servers");
		DnsDiscoveryProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bind("mesh.discovery.dns", Bindable.ofInstance(new DnsDiscoveryProperties()))
			.get();
		DnsDiscoveryProperties builtIn = new DnsDiscoveryProperties();
		assertThat(bound).usingRecursiveComparison().isEqualTo(builtIn);
		assertThat(bound.getNamePattern()).isEqualTo("_http._tcp.{service}.service.consul");
	}

	/** The mesh's metadata, among those of every jar on the class path. */
	private static JsonNode metadata() throws Exception {
		Enumeration<URL> all = DnsDiscoveryPropertiesTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (all.hasMoreElements()) {
			try (InputStream in = all.nextElement().openStream()) {
				JsonNode metadata = new ObjectMapper().readTree(in);
				if (metadata.get("properties").findValuesAsText("name").contains("mesh.discovery.dns.enabled")) {
					return metadata;
				}
			}
		}
		throw new IllegalStateException("No configuration metadata of DNS discovery on the class path");
	}

}
