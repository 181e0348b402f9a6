package io.datapunk.mesh.autoconfigure.actuate.secured;

import java.util.Map;

import io.datapunk.mesh.MeshClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * A web application with the mesh, Actuator and Spring Security, secured as the README's
 * Actuator section shows; or, with {@code test.chain=forgot-the-path}, with a chain that
 * authenticates callers but lets every endpoint request through, as a setup that forgot
 * the mesh path would, leaving the refusals to the endpoint itself. Users (HTTP basic,
 * password {@value #PASSWORD}): {@code admin} with role {@code MESH_ADMIN},
 * {@code viewer} with role {@code VIEWER}, and {@code legacy} with the authority
 * {@code MESH_ADMIN} without Spring Security's {@code ROLE_} prefix.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SecuredStorefrontApplication {

	/** Every user's password. */
	public static final String PASSWORD = "s3cret-for-tests";

	@Bean
	@ConditionalOnProperty(name = "test.chain", havingValue = "readme", matchIfMissing = true)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		// As in the README, word for word.
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/actuator/mesh/**")
				.hasRole("MESH_ADMIN")
				.anyRequest()
				.authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
		return http.build();
	}

	@Bean
	@ConditionalOnProperty(name = "test.chain", havingValue = "forgot-the-path")
	SecurityFilterChain forgotThePath(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("admin").password("{noop}" + PASSWORD).roles("MESH_ADMIN").build(),
				User.withUsername("viewer").password("{noop}" + PASSWORD).roles("VIEWER").build(),
				User.withUsername("legacy").password("{noop}" + PASSWORD).authorities("MESH_ADMIN").build());
	}

	@MeshClient("inventory")
	public interface InventoryClient {

		@GetExchange("/items/{id}")
		Map<String, Object> item(@PathVariable String id);

	}

}
