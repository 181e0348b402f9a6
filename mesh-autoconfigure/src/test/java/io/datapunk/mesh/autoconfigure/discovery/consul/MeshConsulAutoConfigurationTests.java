package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.net.URI;
import java.time.Clock;
import java.util.Set;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.MovedInBoot4;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.consul.ConsulAutoConfiguration;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClient;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.consul.ConsulWatchDiscoveryClient;
import io.datapunk.mesh.internal.discovery.consul.ConsulApi;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;

/**
 * Wiring of {@link MeshConsulAutoConfiguration}.
 */
class MeshConsulAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, UtilAutoConfiguration.class,
				ConsulAutoConfiguration.class, MeshConsulAutoConfiguration.class,
				ConsulServiceRegistryAutoConfiguration.class, ConsulDiscoveryClientConfiguration.class,
				DiscoveryAutoConfiguration.class))
		.withPropertyValues("spring.application.name=storefront");

	@Test
	void runWithConsulShouldCreateWatchesRegistryAndStates() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConsulServiceWatches.class)
				.hasSingleBean(ConsulWatchDiscoveryClient.class)
				.hasSingleBean(ConsulRegistrationState.class)
				.hasSingleBean(MeshConsulRegistrationCustomizer.class)
				.hasSingleBean(ConsulDiscoveryClient.class);
			assertThat(context.getBean(ConsulServiceRegistry.class)).isInstanceOf(ResilientConsulServiceRegistry.class);
			assertThat(context.getBean(ConsulRegistrationState.class).current().status())
				.isEqualTo(ConsulRegistrationState.Status.NOT_REGISTERED);
			// spring-cloud-consul's client would query Consul on every lookup: the mesh
			// asks its watches instead.
			assertThat(context.getBean(MeshDiscovery.class).describeSources())
				.isEqualTo("mesh.services.*.instances, Consul (watched services)");
		});
	}

	@Test
	void runWithoutConsulClientOnTheClassPathShouldNotCreateConsulBeans() {
		assumeThat(MovedInBoot4.consulClientCanBeMissing()).as("Spring Cloud Consul without its client").isTrue();
		this.contextRunner.withClassLoader(new FilteredClassLoader(MovedInBoot4.consulClient())).run((context) -> {
			assertThat(context).doesNotHaveBean(ConsulServiceWatches.class)
				.doesNotHaveBean(ConsulRegistrationState.class);
			assertThat(context.getBean(MeshDiscovery.class).describeSources()).isEqualTo("mesh.services.*.instances");
		});
	}

	@Test
	void runWithoutSpringCloudConsulDiscoveryShouldNotCreateConsulBeans() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConsulDiscoveryProperties.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulServiceWatches.class));
	}

	@Test
	void runWhenSpringCloudConsulIsDisabledShouldNotCreateConsulBeans() {
		this.contextRunner.withPropertyValues("spring.cloud.consul.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulServiceWatches.class)
				.doesNotHaveBean(ConsulServiceRegistry.class));
	}

	@Test
	void runWhenConsulDiscoveryIsDisabledShouldNotWatchConsul() {
		this.contextRunner.withPropertyValues("spring.cloud.consul.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulServiceWatches.class));
	}

	@Test
	void runWhenSpringCloudDiscoveryIsDisabledShouldNotWatchConsul() {
		this.contextRunner.withPropertyValues("spring.cloud.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulServiceWatches.class));
	}

	@Test
	void aclTokenShouldBeFoundWhereSpringCloudConsulLooksForIt() {
		assertThat(MeshConsulAutoConfiguration.aclToken(new MockEnvironment())).isNull();
		assertThat(MeshConsulAutoConfiguration
			.aclToken(new MockEnvironment().withProperty("spring.cloud.consul.token", "from-spring")))
			.isEqualTo("from-spring");
		assertThat(MeshConsulAutoConfiguration.aclToken(new MockEnvironment().withProperty("CONSUL_TOKEN", "from-env")
			.withProperty("spring.cloud.consul.token", "from-spring"))).isEqualTo("from-env");
		assertThat(MeshConsulAutoConfiguration.aclToken(
				new MockEnvironment().withProperty("consul.token", "short").withProperty("CONSUL_TOKEN", "from-env")))
			.isEqualTo("short");
		assertThat(MeshConsulAutoConfiguration
			.aclToken(new MockEnvironment().withProperty("spring.cloud.consul.discovery.acl-token", "discovery")
				.withProperty("consul.token", "short")))
			.isEqualTo("discovery");
	}

	@Test
	void runWhenMeshConsulIsDisabledShouldLeaveSpringCloudConsulAsItIs() {
		this.contextRunner.withPropertyValues("mesh.discovery.consul.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ConsulServiceWatches.class)
				.doesNotHaveBean(ConsulRegistrationState.class);
			assertThat(context.getBean(ConsulServiceRegistry.class))
				.isNotInstanceOf(ResilientConsulServiceRegistry.class);
			assertThat(context.getBean(MeshDiscovery.class).describeSources())
				.isEqualTo("mesh.services.*.instances, Spring Cloud Consul Discovery Client");
		});
	}

	@Test
	void runWhenMeshIsDisabledShouldNotCreateConsulBeans() {
		this.contextRunner.withPropertyValues("mesh.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulServiceWatches.class));
	}

	@Test
	void runWithUserServiceRegistryShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ConsulServiceRegistry.class)
				.doesNotHaveBean(ResilientConsulServiceRegistry.class)
				.hasSingleBean(ConsulServiceWatches.class);
			assertThat(context.getBean(ConsulServiceRegistry.class))
				.isSameAs(context.getBean("userConsulServiceRegistry"));
		});
	}

	@Test
	void runWithUserWatchesShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserWatchesConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ConsulServiceWatches.class);
			assertThat(context.getBean(ConsulServiceWatches.class))
				.isSameAs(context.getBean("userConsulServiceWatches"));
		});
	}

	@Test
	void runShouldBindMeshConsulProperties() {
		this.contextRunner
			.withPropertyValues("mesh.discovery.consul.watch.wait=5s",
					"mesh.discovery.consul.registration.deregister-critical-after=2m")
			.run((context) -> {
				MeshConsulProperties properties = context.getBean(MeshConsulProperties.class);
				assertThat(properties.getWatch().getWait()).hasSeconds(5);
				assertThat(properties.getRegistration().getDeregisterCriticalAfter()).hasMinutes(2);
			});
	}

	@Test
	void runWithNonPositiveWaitShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("mesh.discovery.consul.watch.wait=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mesh.discovery.consul.watch.wait"));
	}

	@Test
	void runWithMaxBackoffBelowMinBackoffShouldFailNamingTheRule() {
		this.contextRunner
			.withPropertyValues("mesh.discovery.consul.watch.min-backoff=5s",
					"mesh.discovery.consul.watch.max-backoff=1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidMeshPropertyException.class)
				.hasMessageContaining("mesh.discovery.consul.watch.max-backoff")
				.hasMessageContaining("must be at least mesh.discovery.consul.watch.min-backoff"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		ConsulServiceRegistry userConsulServiceRegistry(BeanFactory beans, ConsulDiscoveryProperties properties) {
			return MovedInBoot4.consulServiceRegistry(beans, properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWatchesConfiguration {

		@Bean
		ConsulServiceWatches userConsulServiceWatches(MeshConsulProperties properties) {
			ConsulApi api = new ConsulApi(URI.create("http://127.0.0.1:1/"), null, CircuitBreaker.ofDefaults("test"));
			return new ConsulServiceWatches(api, properties.getWatch(), (event) -> {
			}, Clock.systemUTC(), Set.of());
		}

	}

}
