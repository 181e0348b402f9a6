package io.datapunk.mesh.internal.discovery.consul;

import java.util.List;
import java.util.stream.Stream;

import io.datapunk.mesh.internal.support.MeshJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Consul's health answers read with Jackson 3 and with Jackson 2: the instances as Consul
 * describes them, and a broken answer refused as a whole.
 */
class ConsulInstancesTests {

	static Stream<MeshJson> both() {
		return Stream.of(MeshJson.jackson3(), MeshJson.jackson2());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void answerShouldGiveInstancesWithAddressesMetadataAndSecurity(MeshJson json) {
		String answer = "[{\"Node\":{\"Node\":\"n1\",\"Address\":\"10.0.0.1\"},"
				+ "\"Service\":{\"ID\":\"inventory-1\",\"Service\":\"inventory\",\"Address\":\"\",\"Port\":8080,"
				+ "\"Tags\":[\"secure=true\"],\"Meta\":{\"zone\":\"eu-1a\",\"gone\":null},"
				+ "\"Proxy\":{\"Upstreams\":[{\"Config\":{\"a\":{\"b\":[1]}}}]}},\"Checks\":[]},"
				+ "{\"Node\":{\"Address\":\"10.0.0.2\"},\"Service\":{\"ID\":\"inventory-2\",\"Address\":\"10.0.0.9\","
				+ "\"Port\":\"8081\",\"Tags\":null,\"Meta\":{\"secure\":\"true\",\"weight\":3}}}]";
		List<ServiceInstance> instances = ConsulInstances.parse(json, "inventory", answer);
		assertThat(instances).extracting(ServiceInstance::getInstanceId).containsExactly("inventory-1", "inventory-2");
		assertThat(instances).extracting((instance) -> instance.getUri().toString())
			.containsExactly("https://10.0.0.1:8080", "https://10.0.0.9:8081");
		assertThat(instances.get(0).getMetadata()).containsExactly(java.util.Map.entry("zone", "eu-1a"));
		assertThat(instances.get(1).getMetadata()).containsEntry("weight", "3");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void brokenAnswersShouldBeRefused(MeshJson json) {
		assertThat(ConsulInstances.parse(json, "inventory", "[]")).isEmpty();
		assertRefused(json, "{\"Service\":{}}", "not a list");
		assertRefused(json, "[1]", "not an object");
		assertRefused(json, "[{\"Node\":{}}]", "no Service");
		assertRefused(json, "[{\"Service\":{\"Address\":\"10.0.0.1\"}}]", "no whole Port");
		assertRefused(json, "[{\"Service\":{\"Address\":\"10.0.0.1\",\"Port\":80.5}}]", "no whole Port");
		assertRefused(json, "[{\"Service\":{\"Address\":{\"x\":1},\"Port\":80}}]", "Address is not text");
		assertRefused(json, "[{\"Service\":{\"Address\":\"h\",\"Port\":80,\"Meta\":{\"k\":[1]}}}]", "Meta is not text");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsulInstances.parse(json, "inventory", "[{]"))
			.withMessage("not JSON");
	}

	private static void assertRefused(MeshJson json, String answer, String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> ConsulInstances.parse(json, "inventory", answer))
			.withMessageContaining(rule);
	}

}
