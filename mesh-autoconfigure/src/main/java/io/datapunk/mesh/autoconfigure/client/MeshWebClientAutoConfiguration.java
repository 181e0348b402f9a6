package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.MeshWebClient;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.client.MeshExchangeFilterFunction;
import io.datapunk.mesh.internal.client.ReactiveClientProxies;
import io.datapunk.mesh.internal.client.ServiceExchanges;
import io.datapunk.mesh.internal.client.WebClientProxies;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Scope;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link MeshWebClient @MeshWebClient} {@link WebClient.Builder}: Spring Boot's builder
 * (its connector, Reactor Netty or the JDK client, and codecs) with the mesh's filter, so
 * that calls run through the same engine as the blocking clients, without blocking. Both
 * Spring Boot lines share this class: Boot's own WebClient auto-configuration is named,
 * not referenced, since Boot 4 moved it. The
 * {@link io.datapunk.mesh.MeshClient @MeshClient} methods that return reactive types are
 * served by WebClients from this builder. A service with a TLS bundle, host names not
 * verified or a connect-timeout of its own goes through a Reactor Netty connector of its
 * own ({@link ServiceConnectors}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MeshClientAutoConfiguration.class,
		afterName = { "org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean(MeshClientHttpRequestFactory.class)
public class MeshWebClientAutoConfiguration {

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			MeshWebClientAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	MeshExchangeFilterFunction meshExchangeFilterFunction(MeshClientHttpRequestFactory requestFactory,
			ServiceExchanges ownExchanges) {
		return new MeshExchangeFilterFunction(requestFactory.getEngine(), ownExchanges);
	}

	/**
	 * The connections of services with a TLS bundle, host names not verified or a
	 * connect-timeout of their own, which the application's connector cannot honour: on
	 * Reactor Netty, connectors of their own; without it, a clear refusal of their calls
	 * rather than calls that silently ignore those settings.
	 * @param settings the mesh's settings
	 * @param sslBundles the application's SSL bundles
	 * @return the services' own connections, closed at shutdown
	 */
	@Bean
	@ConditionalOnMissingBean
	ServiceExchanges meshServiceExchanges(MeshSettings settings, ObjectProvider<SslBundles> sslBundles) {
		if (REACTOR_NETTY) {
			return new ServiceConnectors(settings, AttemptClientSettings.defaults(),
					new ServiceTlsBundles(settings, sslBundles.getIfAvailable()));
		}
		return (serviceId) -> {
			ServiceSettings service = settings.service(serviceId);
			ConnectorKey key = ConnectorKey.of(service, settings.defaults());
			if (key != null) {
				throw new IllegalStateException(key.describe(serviceId, service)
						+ " is not applied to WebClient calls without Reactor Netty on the class path: add "
						+ "io.projectreactor.netty:reactor-netty-http, or call service '" + serviceId
						+ "' with a blocking client");
			}
			return null;
		};
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
