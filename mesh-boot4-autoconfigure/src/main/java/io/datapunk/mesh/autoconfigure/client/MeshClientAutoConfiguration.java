package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.autoconfigure.balancer.LoadBalancerAutoConfiguration;
import io.datapunk.mesh.autoconfigure.client.group.MeshHttpServiceGroupConfiguration;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.autoconfigure.resilience.ResilienceAutoConfiguration;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.web.client.RestClient;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.spi.MeshClientCustomizer;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.client.ReactiveClientProxies;
import io.datapunk.mesh.MeshClient;
import io.datapunk.mesh.MeshRestClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for calling services through the
 * mesh: the {@link MeshClient} beans, the {@link MeshRestClient @MeshRestClient}
 * {@link RestClient.Builder} and the request factory both use. (Boot 4 twin of the 3.5
 * class: the HTTP client and RestClient auto-configurations moved to their own modules,
 * and {@code HttpClientSettings} replaces {@code ClientHttpRequestFactorySettings}; HTTP
 * service groups that are mesh services use the same request factory, see
 * {@link MeshHttpServiceGroupConfiguration}.)
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DiscoveryAutoConfiguration.class, LoadBalancerAutoConfiguration.class,
		ResilienceAutoConfiguration.class, HttpClientAutoConfiguration.class,
		ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnClass(RestClient.class)
@ConditionalOnMeshEnabled
@ConditionalOnBean({ MeshSettings.class, MeshDiscovery.class, MeshLoadBalancer.class, ResilienceRegistry.class })
@Import({ AutoConfiguredMeshClientsRegistrar.class, MeshHttpServiceGroupConfiguration.class })
public class MeshClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshClientHttpRequestFactory meshClientHttpRequestFactory(MeshSettings settings, MeshDiscovery discovery,
			MeshLoadBalancer balancer, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> transportBuilder,
			ObjectProvider<HttpClientSettings> transportSettings, ResilienceRegistry resilience,
			ObjectProvider<InstanceLoads> loads, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<IdleServices> idleServices) {
		ServiceTransports transports = new ServiceTransports(settings,
				transportBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect),
				AttemptClientSettings.of(transportSettings.getIfAvailable(HttpClientSettings::defaults)),
				new ServiceTlsBundles(settings, sslBundles.getIfAvailable()));
		MeshClientHttpRequestFactory factory = new MeshClientHttpRequestFactory(settings, discovery, balancer,
				transports, resilience, loads.getIfAvailable(InstanceLoads::new));
		factory.setObservationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP));
		idleServices.ifUnique(factory::setIdleServices);
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	MeshClientFactory meshClientFactory(ObjectProvider<RestClientBuilderConfigurer> configurer,
			MeshClientHttpRequestFactory requestFactory, ObjectProvider<MeshClientCustomizer> customizers,
			ObjectProvider<ReactiveClientProxies> reactiveProxies) {
		// The reactive proxies come from MeshWebClientAutoConfiguration, which runs after
		// this one: asked for when an interface first needs them.
		return new MeshClientFactory(
				() -> configurer.getIfAvailable(RestClientBuilderConfigurer::new).configure(RestClient.builder()),
				requestFactory, customizers.orderedStream().toList(), reactiveProxies::getIfAvailable);
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
