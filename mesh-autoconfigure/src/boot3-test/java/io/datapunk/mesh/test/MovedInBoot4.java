package io.datapunk.mesh.test;

import com.ecwid.consul.v1.ConsulClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;

/**
 * What a shared test names that is not the same on both Spring Boot lines: on
 * Boot 3.5 Actuator's health contributor, ecwid's Consul client, which Spring Cloud
 * Consul 4 builds on, and the property that picks the HTTP client.
 */
public final class MovedInBoot4 {

	private MovedInBoot4() {
	}

	/**
	 * Return the type whose absence switches health contributors off.
	 * @return Actuator's {@code HealthContributor}
	 */
	public static Class<?> healthContributor() {
		return HealthContributor.class;
	}

	/**
	 * Return the Consul client type whose absence switches the Consul integration off.
	 * @return the client Spring Cloud Consul uses on this line
	 */
	public static Class<?> consulClient() {
		return ConsulClient.class;
	}

	/**
	 * Whether an application can have Spring Cloud Consul without its client: on this line
	 * the client is ecwid's consul-api, a library of its own that an application may leave out.
	 * @return whether the client can be missing
	 */
	public static boolean consulClientCanBeMissing() {
		return true;
	}

	/**
	 * Return a plain Spring Cloud Consul registry, as an application would declare it.
	 * @param beans where to find the Consul client
	 * @param properties Spring Cloud Consul's discovery properties
	 * @return the registry
	 */
	public static ConsulServiceRegistry consulServiceRegistry(BeanFactory beans,
			ConsulDiscoveryProperties properties) {
		return new ConsulServiceRegistry(beans.getBean(ConsulClient.class), properties, null,
				new HeartbeatProperties());
	}

	/**
	 * Return the property that makes Spring Boot build the given HTTP client.
	 * @param factory the client: {@code jdk}, {@code simple}, {@code http-components},
	 * {@code jetty} or {@code reactor}
	 * @return the property, as {@code name=value}
	 */
	public static String httpClientFactory(String factory) {
		return "spring.http.client.factory=" + factory;
	}

	/**
	 * Return Spring Boot's {@code RestTemplateBuilder} type, which moved to the
	 * spring-boot-restclient module in Boot 4.
	 * @return the builder type of this line
	 */
	public static Class<RestTemplateBuilder> restTemplateBuilder() {
		return RestTemplateBuilder.class;
	}

	/**
	 * Return a new {@code RestTemplateBuilder}, as an application that declares its own
	 * would create it.
	 * @return the builder
	 */
	public static RestTemplateBuilder newRestTemplateBuilder() {
		return new RestTemplateBuilder();
	}

}
