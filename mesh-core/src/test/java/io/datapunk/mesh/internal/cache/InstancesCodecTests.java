package io.datapunk.mesh.internal.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.support.MeshJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON of shared instance lists in Redis: versioned, checked as a whole. Each test
 * runs with Jackson 3 and with Jackson 2.
 */
class InstancesCodecTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.datapunk.mesh.internal.cache.JsonLibraries#both")
	void listShouldBeReadBackWithItsFetchTimeSourceAndMetadata(MeshJson library) {
		InstancesCodec codec = new InstancesCodec(library);
		SharedInstances written = new SharedInstances("inventory",
				List.of(new DefaultServiceInstance("inventory-1", "inventory", "10.0.0.7", 8080, false,
						Map.of("zone", "eu-1a", "weight", "3")),
						new DefaultServiceInstance("inventory-2", "inventory", "inventory-2.internal", 8443, true)),
				Instant.ofEpochMilli(1_767_000_000_000L), "consul", "storefront:1");
		String json = codec.encode(written);
		assertThat(json).startsWith("{\"v\":1,");
		SharedInstances read = codec.decode("inventory", json);
		assertThat(read.fetchedAt()).isEqualTo(written.fetchedAt());
		assertThat(read.source()).isEqualTo("consul");
		assertThat(read.origin()).isEqualTo("storefront:1");
		assertThat(read.instances()).extracting(ServiceInstance::getUri)
			.extracting(Object::toString)
			.containsExactly("http://10.0.0.7:8080", "https://inventory-2.internal:8443");
		assertThat(read.instances().get(0).getMetadata()).containsEntry("zone", "eu-1a").containsEntry("weight", "3");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.datapunk.mesh.internal.cache.JsonLibraries#both")
	void valueOfAnotherVersionOrServiceShouldBeRefused(MeshJson library) {
		InstancesCodec codec = new InstancesCodec(library);
		String json = codec.encode(new SharedInstances("inventory", List.of(), Instant.EPOCH, "consul", "a"));
		assertThatIllegalArgumentException().isThrownBy(() -> codec.decode("billing", json))
			.withMessageContaining("not the key's");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec.decode("inventory", json.replace("\"v\":1", "\"v\":2")))
			.withMessageContaining("version");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.datapunk.mesh.internal.cache.JsonLibraries#both")
	void unsafeInstanceShouldRefuseTheWholeValue(MeshJson library) {
		InstancesCodec codec = new InstancesCodec(library);
		String base = "{\"v\":1,\"service\":\"inventory\",\"fetchedAt\":1,\"source\":\"consul\",\"origin\":\"a\","
				+ "\"instances\":[";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec.decode("inventory", base + "{\"host\":\"evil/path\",\"port\":80}]}"))
			.withMessageContaining("bad host");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec.decode("inventory", base + "{\"host\":\"h\",\"port\":70000}]}"))
			.withMessageContaining("bad port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec.decode("inventory",
					base + "{\"host\":\"h\",\"port\":80,\"metadata\":{\"k\":\"line\\nbreak\"}}]}"))
			.withMessageContaining("bad metadata");
	}

}
