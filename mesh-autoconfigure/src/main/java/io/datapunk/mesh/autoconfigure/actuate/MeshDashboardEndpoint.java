package io.datapunk.mesh.autoconfigure.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.core.io.ClassPathResource;

/**
 * {@link WebEndpoint @WebEndpoint} that serves a live page of the mesh,
 * {@code /actuator/meshdashboard}: services, their instances (available, ejected or slow,
 * latency average, requests in flight), breaker state, retry budget, discovery and cache,
 * refreshed every second from the {@code mesh} endpoint beside it. One HTML file with no
 * external assets; it reads nothing but {@code /actuator/mesh}, with the browser's
 * credentials, so it shows only what the caller may read there. Created when
 * {@code mesh.dashboard.enabled=true}, and exposed and secured as every endpoint is
 * ({@code management.endpoints.web.exposure.include}, Spring Security's
 * {@code EndpointRequest}).
 *
 * @since 0.1.0
 */
@WebEndpoint(id = MeshDashboardEndpoint.ID)
public class MeshDashboardEndpoint {

	/** The endpoint's id, and so its path under the actuator base path. */
	public static final String ID = "meshdashboard";

	private static final String PAGE = "io/datapunk/mesh/actuate/mesh-dashboard.html";

	private final String page;

	MeshDashboardEndpoint() {
		this.page = read();
	}

	/**
	 * Return the page.
	 * @return the page's HTML
	 */
	@ReadOperation(produces = "text/html;charset=UTF-8")
	public String page() {
		return this.page;
	}

	private static String read() {
		try (InputStream in = new ClassPathResource(PAGE, MeshDashboardEndpoint.class.getClassLoader())
			.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the mesh dashboard page " + PAGE, ex);
		}
	}

}
