package io.datapunk.mesh.benchmarks.scale;

import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.benchmarks.jmh.StubClientHttpRequestFactory;

/**
 * The application the scale measurements start: the starter's auto-configuration, no web
 * server, the {@code @MeshClient} interfaces of its package (none but generated ones) and
 * a transport that answers at once without network, so that what is measured is the
 * mesh's own state, not connections.
 *
 * @author datapunk mesh team
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ScaleApplication {

	/**
	 * The bean name of the filter that turns every meter off, registered when a run is
	 * without meters.
	 */
	static final String NO_METERS = "scaleDenyAllMeters";

	@Bean
	ClientHttpRequestFactoryBuilder<StubClientHttpRequestFactory> stubTransport() {
		return ClientHttpRequestFactoryBuilder.of(StubClientHttpRequestFactory::new);
	}

	/**
	 * The filter of a run without meters: every meter is denied, so registries keep none.
	 * @return the filter
	 */
	static MeterFilter noMeters() {
		return MeterFilter.deny();
	}

}
