package io.datapunk.mesh.test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.cloud.consul.ConsulClient;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;

/**
 * The types a shared test names that are not the same on both Spring Boot lines: on
 * Boot 4 the health contributor of the spring-boot-health module and Spring Cloud Consul
 * 5's own client.
 */
public final class MovedBootTypes {

	private MovedBootTypes() {
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

}
