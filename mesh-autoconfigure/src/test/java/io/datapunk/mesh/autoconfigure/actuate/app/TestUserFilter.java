package io.datapunk.mesh.autoconfigure.actuate.app;

import java.io.IOException;
import java.security.Principal;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in for an authentication layer in tests: a request with header
 * {@code X-Test-User: name;ROLE_A,ROLE_B} is that user with those roles, as a servlet
 * container or Spring Security would present them to Actuator. Test code only.
 */
public class TestUserFilter extends OncePerRequestFilter {

	/** The header naming the user and roles. */
	public static final String HEADER = "X-Test-User";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = request.getHeader(HEADER);
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		String[] parts = user.split(";", 2);
		Principal principal = () -> parts[0];
		Set<String> roles = (parts.length > 1) ? Set.of(parts[1].split(",")) : Set.of();
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public Principal getUserPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String role) {
				return roles.contains(role);
			}
		}, response);
	}

}
