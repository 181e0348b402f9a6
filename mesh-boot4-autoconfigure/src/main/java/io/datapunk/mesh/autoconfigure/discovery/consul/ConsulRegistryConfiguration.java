package io.datapunk.mesh.autoconfigure.discovery.consul;

import org.springframework.cloud.consul.ConsulClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.datapunk.mesh.internal.discovery.consul.ConsulApi;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrar;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;

/**
 * The mesh's {@link ConsulServiceRegistry}, built with Spring Cloud Consul 5's own client
 * ({@link ConsulClient}, an HTTP interface, which its superclass takes). The Boot 3.5
 * module has a class of this name that takes ecwid's client.
 *
 * @author datapunk mesh team
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ConsulClient.class)
class ConsulRegistryConfiguration {

	@Bean
	@ConditionalOnMissingBean(ConsulServiceRegistry.class)
	ResilientConsulServiceRegistry consulServiceRegistry(ConsulClient client, ConsulApi api,
			ObjectProvider<ConsulDiscoveryProperties> discoveryProperties,
			ObjectProvider<HeartbeatProperties> heartbeatProperties, MeshConsulProperties properties,
			ConsulRegistrationState state, ObjectProvider<ConsulServiceWatches> watches) {
		ConsulRegistrar registrar = new ConsulRegistrar(api, properties.getRegistration(), state,
				() -> watches.ifAvailable(ConsulServiceWatches::resync));
		return new ResilientConsulServiceRegistry(client, discoveryProperties.getIfAvailable(),
				heartbeatProperties.getIfAvailable(HeartbeatProperties::new), registrar,
				properties.getRegistration().getDeregisterCriticalAfter());
	}

}
