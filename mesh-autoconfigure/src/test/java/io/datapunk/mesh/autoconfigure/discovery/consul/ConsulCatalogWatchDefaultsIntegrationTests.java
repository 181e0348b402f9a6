package io.datapunk.mesh.autoconfigure.discovery.consul;

import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.consul.discovery.ConsulCatalogWatch;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;

/**
 * spring-cloud-consul's catalog watch (which logs an ERROR with a stack trace every
 * second while Consul is down) is off by default while the mesh watches services in
 * Consul, and the application's own setting wins.
 */
class ConsulCatalogWatchDefaultsIntegrationTests {

	private static final String CATALOG_WATCH = "spring.cloud.consul.discovery.catalog-services-watch.enabled";

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@Test
	void catalogWatchShouldBeOffByDefault() {
		try (ConfigurableApplicationContext context = ConsulTestApplications.client(consul)) {
			assertThat(context.getBeansOfType(ConsulCatalogWatch.class)).isEmpty();
			assertThat(context.getEnvironment().getProperty(CATALOG_WATCH)).isEqualTo("false");
		}
	}

	@Test
	void catalogWatchSwitchedOnByTheApplicationShouldRun() {
		try (ConfigurableApplicationContext context = ConsulTestApplications.client(consul, CATALOG_WATCH + "=true")) {
			assertThat(context.getBeansOfType(ConsulCatalogWatch.class)).hasSize(1);
		}
	}

	@Test
	void catalogWatchShouldBeLeftAloneWhenMeshConsulDiscoveryIsOff() {
		try (ConfigurableApplicationContext context = ConsulTestApplications.client(consul,
				"mesh.discovery.consul.enabled=false")) {
			assertThat(context.getBeansOfType(ConsulCatalogWatch.class)).hasSize(1);
		}
	}

}
