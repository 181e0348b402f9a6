package io.datapunk.mesh.autoconfigure.client.group;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Function;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.ServiceNames;

import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Decides which HTTP service groups are mesh services, and the base URL each one gets.
 * <p>
 * A group is a mesh group when its name is a valid service name and either
 * <ol>
 * <li>the service is configured under {@code mesh.services.<name>}, or</li>
 * <li>the group has no {@code spring.http.serviceclient.<name>.base-url} (and is not
 * Spring's {@code default} group): as with Spring Cloud LoadBalancer, a group that names
 * no address names a service, found by discovery (Consul, DNS) when it is called.</li>
 * </ol>
 * A mesh group's base URL is {@code http://<name>}, or the configured one if it is
 * {@code http://<name>} with an optional path (kept as the prefix of every request). Any
 * other base URL on a group configured under {@code mesh.services} stops startup: the
 * group would otherwise call an address the mesh does not know under the mesh's name. A
 * group with a base URL to elsewhere and no {@code mesh.services} entry is left alone.
 * Immutable.
 *
 * @author datapunk mesh team
 */
final class MeshServiceGroups {

	private static final String EXAMPLE = "no base-url at all, or 'http://%s' (a path after it is kept)";

	private final Set<String> configuredServices;

	private final Function<String, String> baseUrls;

	/**
	 * Create the rule.
	 * @param configuredServices the services under {@code mesh.services}
	 * @param baseUrls a group's {@code spring.http.serviceclient.<group>.base-url}, or
	 * {@code null} if it has none
	 */
	MeshServiceGroups(Set<String> configuredServices, Function<String, String> baseUrls) {
		this.configuredServices = Set.copyOf(configuredServices);
		this.baseUrls = baseUrls;
	}

	/**
	 * Return whether a group is sent through the mesh.
	 * @param group the group
	 * @return {@code true} for a mesh group
	 */
	boolean isMeshGroup(HttpServiceGroup group) {
		String name = group.name();
		if (!ServiceNames.isValid(name)) {
			return false;
		}
		if (this.configuredServices.contains(name)) {
			return true;
		}
		return !HttpServiceGroup.DEFAULT_GROUP_NAME.equals(name) && !hasText(this.baseUrls.apply(name));
	}

	/**
	 * Return the base URL of a mesh group.
	 * @param group a mesh group
	 * @return {@code http://<name>}, with the configured path if there is one
	 * @throws InvalidMeshPropertyException if the group has a base URL that points
	 * elsewhere
	 */
	URI baseUrl(HttpServiceGroup group) {
		String name = group.name();
		String configured = this.baseUrls.apply(name);
		if (!hasText(configured)) {
			return URI.create("http://" + name);
		}
		URI uri = parse(configured);
		if (uri == null || !"http".equalsIgnoreCase(uri.getScheme()) || !name.equals(uri.getHost())
				|| uri.getPort() != -1 || uri.getRawUserInfo() != null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			throw new InvalidMeshPropertyException("spring.http.serviceclient." + name + ".base-url",
					withoutSecrets(configured),
					"must be absent or 'http://" + name + "' for group '" + name
							+ "', which is a mesh service: the mesh finds its instances and picks one for each call",
					EXAMPLE.formatted(name));
		}
		return uri;
	}

	private static URI parse(String value) {
		try {
			return new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * A base URL may carry credentials (user info) or a token in its query: neither goes
	 * into a startup message or a log.
	 */
	private static String withoutSecrets(String value) {
		String shown = value.replaceFirst("//[^/?#]*@", "//***@");
		int query = shown.indexOf('?');
		return (query >= 0) ? shown.substring(0, query) + "?***" : shown;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
