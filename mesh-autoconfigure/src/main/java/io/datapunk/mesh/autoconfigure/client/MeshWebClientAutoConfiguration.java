package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.MeshWebClient;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.client.MeshExchangeFilterFunction;
import io.datapunk.mesh.internal.client.ReactiveClientProxies;
import io.datapunk.mesh.internal.client.WebClientProxies;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link MeshWebClient @MeshWebClient} {@link WebClient.Builder}: Spring Boot's builder
 * (its connector, Reactor Netty or the JDK client, and codecs) with the mesh's filter, so
 * that calls run through the same engine as the blocking clients, without blocking. Both
 * Spring Boot lines share this class: Boot's own WebClient auto-configuration is named,
 * not referenced, since Boot 4 moved it. The
 * {@link io.datapunk.mesh.MeshClient @MeshClient} methods that return reactive types are
 * served by WebClients from this builder.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MeshClientAutoConfiguration.class,
		afterName = { "org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean(MeshClientHttpRequestFactory.class)
public class MeshWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshExchangeFilterFunction meshExchangeFilterFunction(MeshClientHttpRequestFactory requestFactory) {
		return new MeshExchangeFilterFunction(requestFactory.getEngine());
	}

	/**
	 * A mesh-aware builder. Not a default candidate: only
	 * {@link MeshWebClient @MeshWebClient} injection points get it, and Spring Boot's own
	 * builder stays the unqualified one.
	 * @param builder Spring Boot's builder, absent without its WebClient
	 * auto-configuration
	 * @param filter the mesh's filter
	 * @return a new builder per injection point
	 */
	@Bean(defaultCandidate = false)
	@MeshWebClient
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean(name = "meshWebClientBuilder")
	WebClient.Builder meshWebClientBuilder(ObjectProvider<WebClient.Builder> builder,
			MeshExchangeFilterFunction filter) {
		return builder.getIfAvailable(WebClient::builder).filter(filter);
	}

	/**
	 * The maker of the WebClient proxies that serve the reactive methods of
	 * {@code @MeshClient} interfaces.
	 * @param builders the mesh's builders
	 * @return the proxy maker
	 */
	@Bean
	@ConditionalOnMissingBean(ReactiveClientProxies.class)
	WebClientProxies meshWebClientProxies(@MeshWebClient ObjectProvider<WebClient.Builder> builders) {
		return new WebClientProxies(builders::getObject);
	}

}
