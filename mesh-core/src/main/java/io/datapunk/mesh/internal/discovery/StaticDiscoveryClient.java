package io.datapunk.mesh.internal.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceSettings;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} over the static instances of
 * {@code mesh.services.<name>.instances}. Immutable and thread-safe: the lists are built
 * once from the settings.
 *
 * @since 0.1.0
 */
public class StaticDiscoveryClient implements DiscoveryClient {

	private final Map<String, List<ServiceInstance>> instances;

	/**
	 * Create a client over the configured static instances.
	 * @param settings the mesh settings
	 */
	public StaticDiscoveryClient(MeshSettings settings) {
		Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
		for (String serviceId : settings.configuredServices()) {
			ServiceSettings service = settings.service(serviceId);
			if (!service.instances().isEmpty()) {
				instances.put(serviceId, toInstances(serviceId, service.instances()));
			}
		}
		this.instances = Collections.unmodifiableMap(instances);
	}

	private static List<ServiceInstance> toInstances(String serviceId, List<URI> uris) {
		List<ServiceInstance> instances = new ArrayList<>(uris.size());
		for (URI uri : uris) {
			boolean secure = "https".equals(uri.getScheme());
			int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
			String instanceId = serviceId + "-" + uri.getHost() + "-" + port;
			instances.add(new DefaultServiceInstance(instanceId, serviceId, uri.getHost(), port, secure));
		}
		return List.copyOf(instances);
	}

	@Override
	public String description() {
		return "mesh.services.*.instances";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.instances.getOrDefault(serviceId, List.of());
	}

	@Override
	public List<String> getServices() {
		return List.copyOf(this.instances.keySet());
	}

}
