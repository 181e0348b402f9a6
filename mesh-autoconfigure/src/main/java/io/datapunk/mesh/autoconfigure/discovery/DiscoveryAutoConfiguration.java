package io.datapunk.mesh.autoconfigure.discovery;

import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import io.datapunk.mesh.internal.discovery.IdleServiceSweeper;
import io.datapunk.mesh.spi.SupersedingDiscoveryClient;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.spi.MeshDiscovery;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mesh discovery: the static
 * instances of {@code mesh.services}, joined with every Spring Cloud
 * {@link DiscoveryClient} bean except those a {@link SupersedingDiscoveryClient} answers
 * for; and the release of the state kept for services nobody called for
 * {@code mesh.idle-service-timeout} ({@link IdleServices}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MeshAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
		CompositeDiscoveryClientAutoConfiguration.class })
@ConditionalOnMeshEnabled
@ConditionalOnBean(MeshSettings.class)
public class DiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MeshDiscovery.class)
	CompositeMeshDiscovery meshDiscovery(MeshSettings settings, ObjectProvider<DiscoveryClient> discoveryClients) {
		List<DiscoveryClient> clients = new ArrayList<>();
		clients.add(new StaticDiscoveryClient(settings));
		// Spring Cloud's composite wraps the other beans: asking it would ask twice.
		discoveryClients.orderedStream()
			.filter((client) -> !(client instanceof CompositeDiscoveryClient))
			.forEach(clients::add);
		List<SupersedingDiscoveryClient> superseding = clients.stream()
			.filter(SupersedingDiscoveryClient.class::isInstance)
			.map(SupersedingDiscoveryClient.class::cast)
			.toList();
		clients.removeIf((client) -> superseding.stream().anyMatch((s) -> s != client && s.supersedes(client)));
		return new CompositeMeshDiscovery(clients);
	}

	@Bean
	@ConditionalOnMissingBean
	IdleServices meshIdleServices(MeshSettings settings) {
		return new IdleServices(settings.idleServiceTimeout(), settings.configuredServices());
	}

	@Bean
	@ConditionalOnMissingBean
	IdleServiceSweeper meshIdleServiceSweeper(IdleServices idleServices, MeshSettings settings,
			ObjectProvider<ServiceStateHolder> holders) {
		return new IdleServiceSweeper(idleServices, () -> {
			List<ServiceStateHolder> all = new ArrayList<>();
			all.add(settings::release);
			holders.orderedStream().forEach(all::add);
			return all;
		});
	}

}
