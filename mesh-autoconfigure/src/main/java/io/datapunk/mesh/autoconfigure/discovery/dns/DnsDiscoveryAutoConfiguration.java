package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.util.Set;

import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;
import org.xbill.DNS.Resolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryStatus;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for DNS SRV discovery: a
 * {@link DnsDiscoveryClient} bean, which the mesh's discovery asks with the other
 * discovery clients. Off unless {@code mesh.discovery.dns.enabled} is {@code true}; needs
 * dnsjava on the class path.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MeshAutoConfiguration.class, before = DiscoveryAutoConfiguration.class)
@ConditionalOnClass(Resolver.class)
@ConditionalOnMeshEnabled
@ConditionalOnDnsDiscoveryEnabled
@EnableConfigurationProperties(DnsDiscoveryProperties.class)
public class DnsDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsDiscoveryClient dnsDiscoveryClient(DnsDiscoveryProperties properties, ObjectProvider<MeshSettings> settings,
			ApplicationEventPublisher events) {
		MeshSettings mesh = settings.getIfAvailable();
		return new DnsDiscoveryClient(properties, (mesh != null) ? mesh.configuredServices() : Set.of(), events);
	}

	@Bean
	@ConditionalOnMissingBean(name = "meshDnsDiscoveryStatus")
	DiscoveryStatusSource meshDnsDiscoveryStatus(DnsDiscoveryClient client) {
		return new DnsDiscoveryStatus(client);
	}

}
