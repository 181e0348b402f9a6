package io.datapunk.mesh.benchmarks.load.springcloud;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.web.client.RestClientBuilderConfigurer;
import org.springframework.web.client.RestClient;

/**
 * Configures a builder as Spring Boot 3.5 configures the {@code RestClient.Builder}s it
 * injects: its message converters and the {@code http.client.requests} observation. One
 * class per Boot line, since Boot 4 moved the configurer to another package (the Boot 4 twin is in benchmarks-boot4).
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class BootRestClientBuilders {

	private BootRestClientBuilders() {
	}

	static RestClient.Builder configure(BeanFactory beanFactory, RestClient.Builder builder) {
		return beanFactory.getBean(RestClientBuilderConfigurer.class).configure(builder);
	}

}
