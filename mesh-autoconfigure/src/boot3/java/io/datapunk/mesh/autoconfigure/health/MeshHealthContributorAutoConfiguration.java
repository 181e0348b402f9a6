package io.datapunk.mesh.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.internal.health.MeshServices;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code mesh} health
 * contributor, and for readiness that follows the critical services.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MeshServicesAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class })
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(MeshServices.class)
public class MeshHealthContributorAutoConfiguration {

	/** How often the critical services are checked for readiness. */
	static final Duration READINESS_CHECK_INTERVAL = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnEnabledHealthIndicator("mesh")
	@ConditionalOnMissingBean(name = "meshHealthContributor")
	MeshHealthContributor meshHealthContributor(MeshServices services) {
		return new MeshHealthContributor(services);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ApplicationAvailability.class)
	CriticalServicesReadiness meshCriticalServicesReadiness(MeshServices services, ApplicationAvailability availability,
			ApplicationEventPublisher publisher) {
		return new CriticalServicesReadiness(services, availability, publisher, READINESS_CHECK_INTERVAL);
	}

}
