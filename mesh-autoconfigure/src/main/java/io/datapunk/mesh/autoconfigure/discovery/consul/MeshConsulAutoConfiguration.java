package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.consul.ConditionalOnConsulEnabled;
import org.springframework.cloud.consul.ConsulAutoConfiguration;
import org.springframework.cloud.consul.ConsulProperties;
import org.springframework.cloud.consul.discovery.ConditionalOnConsulDiscoveryEnabled;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import io.datapunk.mesh.internal.discovery.consul.ConsulCallException;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.consul.ConsulDiscoveryStatus;
import io.datapunk.mesh.internal.discovery.consul.ConsulWatchDiscoveryClient;
import io.datapunk.mesh.internal.discovery.consul.ConsulApi;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mesh discovery and registration
 * in Consul, when spring-cloud-consul-discovery is on the class path and
 * {@code spring.cloud.consul.enabled} is not {@code false}: watches of the called
 * services, and a {@link ConsulServiceRegistry} that never fails startup.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MeshAutoConfiguration.class, ConsulAutoConfiguration.class },
		before = { ConsulServiceRegistryAutoConfiguration.class, ConsulAutoServiceRegistrationAutoConfiguration.class })
@ConditionalOnClass({ ConsulDiscoveryProperties.class, CircuitBreaker.class })
@ConditionalOnConsulEnabled
@ConditionalOnConsulDiscoveryEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnMeshEnabled
@ConditionalOnBooleanProperty(name = "mesh.discovery.consul.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeshSettings.class, ConsulProperties.class })
@EnableConfigurationProperties(MeshConsulProperties.class)
@Import(ConsulRegistryConfiguration.class)
public class MeshConsulAutoConfiguration {

	static final String ACL_TOKEN_PROPERTY = "spring.cloud.consul.discovery.acl-token";

	/**
	 * The mesh's client of Consul's HTTP API, shared by the watches and the registry so
	 * that one circuit breaker sees every call.
	 * @param consul where Consul is
	 * @param properties the mesh's Consul settings
	 * @param environment the environment, for the ACL token
	 * @return the client
	 */
	@Bean
	@ConditionalOnMissingBean
	ConsulApi meshConsulApi(ConsulProperties consul, MeshConsulProperties properties, Environment environment) {
		return consulApi(consul, properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ConsulServiceWatches meshConsulServiceWatches(ConsulApi api, MeshConsulProperties properties, MeshSettings settings,
			ApplicationEventPublisher events) {
		return new ConsulServiceWatches(api, properties.getWatch(), events, Clock.systemUTC(),
				settings.configuredServices());
	}

	@Bean
	@ConditionalOnMissingBean
	ConsulWatchDiscoveryClient meshConsulDiscoveryClient(ConsulServiceWatches watches) {
		return new ConsulWatchDiscoveryClient(watches);
	}

	@Bean
	@ConditionalOnMissingBean(name = "meshConsulDiscoveryStatus")
	DiscoveryStatusSource meshConsulDiscoveryStatus(ObjectProvider<ConsulServiceWatches> watches,
			ObjectProvider<ConsulRegistrationState> registration) {
		return new ConsulDiscoveryStatus(watches, registration);
	}

	@Bean
	@ConditionalOnMissingBean
	ConsulRegistrationState meshConsulRegistrationState() {
		return new ConsulRegistrationState(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	MeshConsulRegistrationCustomizer meshConsulRegistrationCustomizer(MeshSettings settings, Environment environment) {
		boolean instanceIdConfigured = environment.containsProperty("spring.cloud.consul.discovery.instance-id")
				|| environment.containsProperty("spring.cloud.consul.discovery.instanceId");
		return new MeshConsulRegistrationCustomizer(settings,
				new MeshConsulRegistrationCustomizer.RegistrationFacts(instanceIdConfigured,
						environment.getProperty("spring.application.version"), serverSecure(environment)));
	}

	private static boolean serverSecure(Environment environment) {
		boolean configured = environment.containsProperty("server.ssl.bundle")
				|| environment.containsProperty("server.ssl.key-store")
				|| environment.containsProperty("server.ssl.certificate");
		return configured && environment.getProperty("server.ssl.enabled", Boolean.class, true);
	}

	private static void requireOrdered(String prefix, Duration min, Duration max) {
		if (max.compareTo(min) < 0) {
			throw new InvalidMeshPropertyException(prefix + ".max-backoff", max.toString(),
					"must be at least " + prefix + ".min-backoff (" + min + ")", "'10s'");
		}
	}

	/**
	 * Return the ACL token where spring-cloud-consul looks for it:
	 * {@code spring.cloud.consul.discovery.acl-token}, else {@code consul.token}, the
	 * {@code CONSUL_TOKEN} environment variable or {@code spring.cloud.consul.token}.
	 */
	static String aclToken(Environment environment) {
		Binder binder = Binder.get(environment);
		for (String name : new String[] { ACL_TOKEN_PROPERTY, "consul.token", "CONSUL_TOKEN",
				"spring.cloud.consul.token" }) {
			String token = name.equals("CONSUL_TOKEN") ? environment.getProperty(name)
					: binder.bind(name, String.class).orElse(null);
			if (token != null && !token.isBlank()) {
				return token;
			}
		}
		return null;
	}

	static ConsulApi consulApi(ConsulProperties consul, MeshConsulProperties properties, Environment environment) {
		requireOrdered("mesh.discovery.consul.watch", properties.getWatch().getMinBackoff(),
				properties.getWatch().getMaxBackoff());
		requireOrdered("mesh.discovery.consul.registration", properties.getRegistration().getMinBackoff(),
				properties.getRegistration().getMaxBackoff());
		String scheme = (consul.getScheme() != null) ? consul.getScheme() : "http";
		String path = (consul.getPath() != null) ? "/" + consul.getPath().replaceAll("^/+|/+$", "") : "";
		URI base = URI.create(scheme + "://" + consul.getHost() + ":" + consul.getPort() + path + "/");
		String token = aclToken(environment);
		MeshConsulProperties.Breaker breaker = properties.getBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.getFailureThreshold())
			.minimumNumberOfCalls(breaker.getFailureThreshold())
			.failureRateThreshold(100)
			.slowCallDurationThreshold(Duration.ofDays(1))
			.waitDurationInOpenState(breaker.getWaitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(3)
			.recordException((ex) -> !(ex instanceof ConsulCallException call) || call.isUnavailable())
			.build();
		return new ConsulApi(base, token, CircuitBreaker.of("consul", config));
	}

}
