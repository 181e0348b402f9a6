package io.datapunk.mesh.client;

import io.datapunk.mesh.balancer.InstanceLoads;
import io.datapunk.mesh.balancer.LoadBalancerAutoConfiguration;
import io.datapunk.mesh.balancer.MeshLoadBalancer;
import io.datapunk.mesh.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.config.MeshSettings;
import io.datapunk.mesh.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.discovery.IdleServices;
import io.datapunk.mesh.discovery.MeshDiscovery;
import io.datapunk.mesh.resilience.ResilienceAutoConfiguration;
import io.datapunk.mesh.resilience.ResilienceRegistry;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientBuilderConfigurer;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.web.client.RestClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for calling services through the
 * mesh: the {@link MeshClient} beans, the {@link MeshRestClient @MeshRestClient}
 * {@link RestClient.Builder} and the request factory both use.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DiscoveryAutoConfiguration.class, LoadBalancerAutoConfiguration.class,
		ResilienceAutoConfiguration.class, HttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
		SslAutoConfiguration.class })
@ConditionalOnClass(RestClient.class)
@ConditionalOnMeshEnabled
@ConditionalOnBean({ MeshSettings.class, MeshDiscovery.class, MeshLoadBalancer.class, ResilienceRegistry.class })
@Import(AutoConfiguredMeshClientsRegistrar.class)
public class MeshClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshClientHttpRequestFactory meshClientHttpRequestFactory(MeshSettings settings, MeshDiscovery discovery,
			MeshLoadBalancer balancer, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> transportBuilder,
			ObjectProvider<ClientHttpRequestFactorySettings> transportSettings, ResilienceRegistry resilience,
			ObjectProvider<InstanceLoads> loads, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<IdleServices> idleServices) {
		MeshClientHttpRequestFactory factory = new MeshClientHttpRequestFactory(settings, discovery, balancer,
				transportBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect),
				transportSettings.getIfAvailable(ClientHttpRequestFactorySettings::defaults), resilience,
				loads.getIfAvailable(InstanceLoads::new), sslBundles.getIfAvailable());
		factory.setObservationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP));
		idleServices.ifUnique(factory::setIdleServices);
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	MeshClientFactory meshClientFactory(ObjectProvider<RestClientBuilderConfigurer> configurer,
			MeshClientHttpRequestFactory requestFactory, ObjectProvider<MeshClientCustomizer> customizers) {
		return new MeshClientFactory(
				() -> configurer.getIfAvailable(RestClientBuilderConfigurer::new).configure(RestClient.builder()),
				requestFactory, customizers.orderedStream().toList());
	}

	/**
	 * A mesh-aware builder for code that does not use {@link MeshClient} interfaces. Not
	 * a default candidate: only {@link MeshRestClient @MeshRestClient} injection points
	 * get it, and Spring Boot's own builder stays the unqualified one.
	 * @param factory the mesh client factory
	 * @return a new builder per injection point
	 */
	@Bean(defaultCandidate = false)
	@MeshRestClient
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean(name = "meshRestClientBuilder")
	RestClient.Builder meshRestClientBuilder(MeshClientFactory factory) {
		return factory.restClientBuilder();
	}

}
