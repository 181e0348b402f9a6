package io.datapunk.mesh.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.balancer.MeshLoadBalancer;
import io.datapunk.mesh.config.ServiceNames;
import io.datapunk.mesh.discovery.MeshDiscovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

/**
 * The call pipeline: turns one logical request ({@code http://inventory/items/42}) into
 * an attempt on a chosen instance and maps failures to
 * {@link io.datapunk.mesh.MeshException}s. Thread-safe and stateless apart from its
 * collaborators.
 *
 * @author datapunk mesh team
 */
final class MeshCallExecutor {

	private final MeshDiscovery discovery;

	private final MeshLoadBalancer balancer;

	private final ServiceTransports transports;

	MeshCallExecutor(MeshDiscovery discovery, MeshLoadBalancer balancer, ServiceTransports transports) {
		this.discovery = discovery;
		this.balancer = balancer;
		this.transports = transports;
	}

	ClientHttpResponse execute(HttpMethod method, URI logicalUri, HttpHeaders headers, Map<String, Object> attributes,
			byte[] body) {
		String serviceId = serviceIdOf(logicalUri);
		List<ServiceInstance> instances = this.discovery.getInstances(serviceId);
		if (instances.isEmpty()) {
			throw new ServiceNotFoundException(serviceId, this.discovery.describeSources());
		}
		ServiceInstance instance = this.balancer.choose(serviceId, instances);
		URI target = InstanceUris.resolve(instance, logicalUri);
		long start = System.nanoTime();
		try {
			return send(this.transports.forService(serviceId), target, method, headers, attributes, body);
		}
		catch (IOException ex) {
			MeshAttempt attempt = new MeshAttempt(1, InstanceUris.base(instance), Outcomes.describe(ex),
					Duration.ofNanos(System.nanoTime() - start));
			throw new RetriesExhaustedException(serviceId, "the only attempt failed", List.of(attempt), ex);
		}
	}

	private static String serviceIdOf(URI logicalUri) {
		// URI.getHost() is null for a host that is not a host name (an underscore, say).
		String host = (logicalUri.getHost() != null) ? logicalUri.getHost() : logicalUri.getRawAuthority();
		// The query is left out of the description: it may carry tokens.
		return ServiceNames.requireValid(host, () -> "the host of mesh URL " + logicalUri.getScheme() + "://"
				+ logicalUri.getRawAuthority() + logicalUri.getRawPath());
	}

	private static ClientHttpResponse send(ClientHttpRequestFactory factory, URI target, HttpMethod method,
			HttpHeaders headers, Map<String, Object> attributes, byte[] body) throws IOException {
		ClientHttpRequest request = factory.createRequest(target, method);
		request.getHeaders().putAll(headers);
		request.getAttributes().putAll(attributes);
		if (body.length > 0) {
			if (request instanceof StreamingHttpOutputMessage streaming) {
				streaming.setBody(new StreamingHttpOutputMessage.Body() {
					@Override
					public void writeTo(OutputStream outputStream) throws IOException {
						StreamUtils.copy(body, outputStream);
					}

					@Override
					public boolean repeatable() {
						return true;
					}
				});
			}
			else {
				StreamUtils.copy(body, request.getBody());
			}
		}
		return request.execute();
	}

}
