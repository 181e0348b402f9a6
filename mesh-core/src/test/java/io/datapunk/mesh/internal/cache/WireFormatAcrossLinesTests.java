package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.support.MeshJson;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot 3.5 application (Jackson 2) and a Spring Boot 4 one (Jackson 3) share one
 * Redis tier: each writes exactly the bytes the other writes, and reads what the other
 * wrote.
 */
class WireFormatAcrossLinesTests {

	private static final Instant AT = Instant.ofEpochMilli(1_767_000_000_000L);

	private final MeshJson jackson2 = MeshJson.jackson2();

	private final MeshJson jackson3 = MeshJson.jackson3();

	@Test
	void instanceListShouldBeTheSameBytesAndReadBothWays() {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("zone", "eu-1a");
		metadata.put("owner", "équipe/commande \"α\"");
		SharedInstances list = new SharedInstances("inventory",
				List.of(new DefaultServiceInstance("inventory-1", "inventory", "10.0.0.7", 8080, false, metadata),
						new DefaultServiceInstance(null, "inventory", "inventory-2.internal", 8443, true)),
				AT, "consul", "storefront:1");
		String fromJackson2 = new InstancesCodec(this.jackson2).encode(list);
		String fromJackson3 = new InstancesCodec(this.jackson3).encode(list);
		assertThat(fromJackson3).isEqualTo(fromJackson2).contains("\"owner\":\"équipe/commande \\\"α\\\"\"");
		assertReadAsWritten(new InstancesCodec(this.jackson3).decode("inventory", fromJackson2), list);
		assertReadAsWritten(new InstancesCodec(this.jackson2).decode("inventory", fromJackson3), list);
	}

	@Test
	void meshEventsShouldBeTheSameBytesAndReadBothWays() {
		MeshEventCodec onJackson2 = new MeshEventCodec(this.jackson2);
		MeshEventCodec onJackson3 = new MeshEventCodec(this.jackson3);
		for (MeshEvent event : List.of(
				new MeshEvent(MeshEvent.Type.EJECTED, "storefront:1", "inventory", URI.create("http://10.0.0.7:8080"),
						AT, AT),
				new MeshEvent(MeshEvent.Type.INSTANCES_CHANGED, "checkout:2", "inventory", null, null, AT))) {
			String fromJackson2 = onJackson2.encode(event);
			assertThat(onJackson3.encode(event)).isEqualTo(fromJackson2);
			assertThat(onJackson3.decode(fromJackson2)).isEqualTo(event);
			assertThat(onJackson2.decode(onJackson3.encode(event))).isEqualTo(event);
		}
	}

	private static void assertReadAsWritten(SharedInstances read, SharedInstances written) {
		assertThat(read.fetchedAt()).isEqualTo(written.fetchedAt());
		assertThat(read.source()).isEqualTo(written.source());
		assertThat(read.origin()).isEqualTo(written.origin());
		assertThat(read.instances()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			ServiceInstance r = read.instances().get(i);
			ServiceInstance w = written.instances().get(i);
			assertThat(r.getInstanceId()).isEqualTo(w.getInstanceId());
			assertThat(r.getUri()).isEqualTo(w.getUri());
			assertThat(r.getMetadata()).isEqualTo(w.getMetadata());
		}
	}

}
