package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.MeshRestTemplate;

import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestTemplate;

/**
 * An application that builds its {@code inventory} template from the
 * {@link MeshRestTemplate @MeshRestTemplate} builder, as a user would. The injection
 * point names the builder type, so each Spring Boot line has a twin of this class (this
 * one for the Boot 3.5 line).
 */
@Configuration(proxyBeanMethods = false)
class MeshRestTemplateUser {

	final RestTemplate inventory;

	MeshRestTemplateUser(@MeshRestTemplate RestTemplateBuilder builder) {
		this.inventory = builder.rootUri("http://inventory").build();
	}

}
