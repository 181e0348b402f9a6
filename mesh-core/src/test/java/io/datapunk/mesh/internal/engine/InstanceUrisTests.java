package io.datapunk.mesh.internal.engine;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an attempt's URI is built, and when it uses https.
 */
class InstanceUrisTests {

	private static final URI LOGICAL = URI.create("http://orders/orders/42?expand=lines");

	private static ServiceInstance instance(boolean secure, Map<String, String> metadata) {
		return new DefaultServiceInstance("orders-1", "orders", "10.0.0.7", 8443, secure, metadata);
	}

	@Test
	void plainInstanceShouldBeCalledOverHttp() {
		assertThat(InstanceUris.resolve(instance(false, Map.of()), LOGICAL, false))
			.isEqualTo(URI.create("http://10.0.0.7:8443/orders/42?expand=lines"));
	}

	@Test
	void secureInstanceShouldBeCalledOverHttps() {
		assertThat(InstanceUris.resolve(instance(true, Map.of()), LOGICAL, false))
			.isEqualTo(URI.create("https://10.0.0.7:8443/orders/42?expand=lines"));
	}

	@Test
	void consulSecureMetadataShouldMeanHttps() {
		assertThat(InstanceUris.base(instance(false, Map.of("secure", "true")), false))
			.isEqualTo(URI.create("https://10.0.0.7:8443"));
		assertThat(InstanceUris.base(instance(false, Map.of("secure", "false")), false))
			.isEqualTo(URI.create("http://10.0.0.7:8443"));
	}

	@Test
	void schemeMetadataShouldMeanHttps() {
		assertThat(InstanceUris.base(instance(false, Map.of("scheme", "HTTPS")), false))
			.isEqualTo(URI.create("https://10.0.0.7:8443"));
		assertThat(InstanceUris.base(instance(false, Map.of("scheme", "http")), false))
			.isEqualTo(URI.create("http://10.0.0.7:8443"));
	}

	@Test
	void serviceTlsShouldMeanHttpsForEveryInstance() {
		assertThat(InstanceUris.resolve(instance(false, Map.of()), LOGICAL, true))
			.isEqualTo(URI.create("https://10.0.0.7:8443/orders/42?expand=lines"));
	}

	@Test
	void instanceWithoutMetadataShouldBeCalledOverHttp() {
		ServiceInstance bare = new DefaultServiceInstance("orders-1", "orders", "10.0.0.7", 8080, false, null);
		assertThat(InstanceUris.base(bare, false)).isEqualTo(URI.create("http://10.0.0.7:8080"));
	}

}
