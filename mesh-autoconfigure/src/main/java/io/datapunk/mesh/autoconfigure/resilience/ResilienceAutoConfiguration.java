package io.datapunk.mesh.autoconfigure.resilience;

import java.time.Clock;

import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import io.datapunk.mesh.internal.resilience.SharedEjections;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.InboundDeadlineFilter;
import io.datapunk.mesh.internal.resilience.InboundDeadlineWebFilter;
import io.datapunk.mesh.internal.resilience.OutlierListener;
import io.datapunk.mesh.spi.RetryCondition;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the resilience of mesh calls:
 * circuit breakers (in Resilience4j's registry when its auto-configuration made one),
 * retry policies and budgets, outlier ejection (shared with the other application
 * instances when a {@link MeshEventChannel} exists), and, in a servlet or a reactive web
 * application, the filter that honours the deadline a caller sent.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MeshAutoConfiguration.class,
		afterName = { "io.datapunk.mesh.autoconfigure.cache.DiscoveryCacheAutoConfiguration",
				// Resilience4j's for Boot 3 and for Boot 4: a name that is absent is
				// ignored.
				"io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration" })
@ConditionalOnClass(CircuitBreakerRegistry.class)
@ConditionalOnMeshEnabled
@ConditionalOnBean(MeshSettings.class)
public class ResilienceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResilienceRegistry meshResilienceRegistry(MeshSettings settings,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakerRegistry,
			ObjectProvider<RetryCondition> retryConditions, ObjectProvider<MeshEventChannel> eventChannel,
			ObjectProvider<MeshDiscovery> discovery) {
		MeshEventChannel channel = eventChannel.getIfUnique();
		// Events are checked against the list calls get, read without a look-up.
		SharedEjections shared = (channel != null) ? new SharedEjections(channel,
				(discovery.getIfUnique() instanceof CachingMeshDiscovery cache) ? cache::peek : null) : null;
		ResilienceRegistry registry = new ResilienceRegistry(settings,
				circuitBreakerRegistry.getIfUnique(CircuitBreakerRegistry::ofDefaults),
				retryConditions.orderedStream().toList(), Clock.systemUTC(), System::nanoTime,
				(shared != null) ? shared : OutlierListener.NONE);
		if (shared != null) {
			shared.applyRemoteEventsTo(registry);
		}
		// Configured services get their breakers now: visible before a first call, and a
		// setting Resilience4j refuses stops startup rather than the first call.
		settings.configuredServices().forEach(registry::forService);
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	@ConditionalOnBooleanProperty(name = "mesh.deadline-propagation.enabled", matchIfMissing = true)
	static class InboundDeadlineConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "meshInboundDeadlineFilter")
		FilterRegistrationBean<InboundDeadlineFilter> meshInboundDeadlineFilter() {
			FilterRegistrationBean<InboundDeadlineFilter> registration = new FilterRegistrationBean<>(
					new InboundDeadlineFilter());
			// Early, so that the deadline bounds every mesh call made while serving.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

	/**
	 * The WebFlux filter: the deadline goes in the Reactor context, where the reactive
	 * mesh calls made while serving read it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono" })
	@ConditionalOnBooleanProperty(name = "mesh.deadline-propagation.enabled", matchIfMissing = true)
	static class ReactiveInboundDeadlineConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "meshInboundDeadlineWebFilter")
		InboundDeadlineWebFilter meshInboundDeadlineWebFilter() {
			return new InboundDeadlineWebFilter();
		}

	}

}
