package io.datapunk.mesh.benchmarks.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.datapunk.mesh.benchmarks.load.mesh.MeshBenchmarkApplication;
import io.datapunk.mesh.benchmarks.load.meshreactive.MeshReactiveBenchmarkApplication;
import io.datapunk.mesh.benchmarks.load.springcloud.SpringCloudBenchmarkApplication;
import io.datapunk.mesh.benchmarks.load.springcloudreactive.SpringCloudReactiveBenchmarkApplication;

/**
 * The clients compared, each opened afresh for every run: the blocking ones, then their
 * reactive counterparts.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public enum Variant {

	/**
	 * A plain {@code RestClient}, round robin over the fixed addresses: the floor.
	 */
	RAW {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			return new RawVariantClient(urls, client);
		}
	},

	/**
	 * A {@code @MeshClient} in a Spring Boot application with the mesh starter, default
	 * mesh settings.
	 */
	MESH {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			return MeshBenchmarkApplication.open(urls, client);
		}
	},

	/**
	 * Spring Cloud LoadBalancer with retry, an HTTP interface on a {@code @LoadBalanced}
	 * {@code RestClient}, and Spring Cloud CircuitBreaker with Resilience4j.
	 */
	SPRING_CLOUD {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			return SpringCloudBenchmarkApplication.open(urls, false, client);
		}
	},

	/**
	 * The same Spring Cloud stack on a builder configured as Spring Boot configures the
	 * ones it injects, so that, like mesh clients, it records
	 * {@code http.client.requests} observations: the like-for-like comparison of the
	 * pipelines.
	 */
	SPRING_CLOUD_OBSERVED {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			return SpringCloudBenchmarkApplication.open(urls, true, client);
		}
	},

	/**
	 * A plain {@code WebClient} on Reactor Netty, round robin over the fixed addresses:
	 * the reactive floor.
	 */
	RAW_REACTIVE {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			// Reactor Netty, whatever the blocking variants' client.
			return new RawReactiveVariantClient(urls);
		}
	},

	/**
	 * An HTTP interface on a {@code WebClient} from the {@code @MeshWebClient} builder,
	 * in a Spring Boot application with the mesh starter, default mesh settings.
	 */
	MESH_REACTIVE {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			// Reactor Netty, whatever the blocking variants' client.
			return MeshReactiveBenchmarkApplication.open(urls);
		}
	},

	/**
	 * Spring Cloud's reactive stack: Spring Boot's {@code WebClient.Builder} with
	 * LoadBalancer's exchange filter (with retry), an HTTP interface on it, and Spring
	 * Cloud CircuitBreaker's reactive Resilience4j factory.
	 */
	SPRING_CLOUD_REACTIVE {
		@Override
		public VariantClient open(List<String> urls, ClientLibrary client) {
			// Reactor Netty, whatever the blocking variants' client.
			return SpringCloudReactiveBenchmarkApplication.open(urls);
		}
	};

	/**
	 * Open a client of the given backends on the JDK's HTTP client (what an application
	 * with only the starter gets).
	 * @param urls the backends' addresses
	 * @return a client, ready to call
	 */
	public VariantClient open(List<String> urls) {
		return open(urls, ClientLibrary.JDK);
	}

	/**
	 * Open a client of the given backends on the given HTTP client library, for the
	 * variants built on a blocking {@code ClientHttpRequestFactory}; the reactive ones
	 * ignore it.
	 * @param urls the backends' addresses
	 * @param client the HTTP client library
	 * @return a client, ready to call
	 */
	public abstract VariantClient open(List<String> urls, ClientLibrary client);

	/**
	 * Return the name used on the command line and in tables, such as
	 * {@code spring-cloud}.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return the variant of a command-line name.
	 * @param id the name, such as {@code spring-cloud}
	 * @return the variant
	 * @throws IllegalArgumentException if no variant has that name
	 */
	public static Variant of(String id) {
		return Arrays.stream(values())
			.filter((variant) -> variant.id().equals(id.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown variant '" + id + "'; known: "
					+ String.join(", ", Arrays.stream(values()).map(Variant::id).toList())));
	}

}
