package io.datapunk.mesh.internal.client;

import java.net.URI;

import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.engine.CallRequest;
import io.datapunk.mesh.internal.engine.MeshCallEngine;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Turns one logical {@code RestClient} request ({@code http://inventory/items/42}) into
 * an engine call (the service named by the host, the attempts sent on the service's
 * transport) and the engine's answer back into a {@link ClientHttpResponse}. Thread-safe
 * and stateless apart from its collaborators.
 *
 * @author datapunk mesh team
 */
final class MeshCallExecutor {

	private final MeshCallEngine engine;

	private final AttemptTransports transports;

	MeshCallExecutor(MeshCallEngine engine, AttemptTransports transports) {
		this.engine = engine;
		this.transports = transports;
	}

	ClientHttpResponse execute(MeshClientHttpRequest request, HttpHeaders headers, byte[] body) {
		String serviceId = serviceIdOf(request.getURI());
		boolean idempotent = Boolean.TRUE.equals(request.getAttributes().get(Idempotent.ATTRIBUTE));
		CallRequest call = new CallRequest(serviceId, request, headers, idempotent);
		// The transport is looked up lazily: a service without instances gets none.
		ClientAttemptSender sender = new ClientAttemptSender(() -> this.transports.forService(serviceId),
				request.getMethod(), headers, request.getAttributes(), body);
		return this.engine.call(call, sender).response();
	}

	/**
	 * Return the service a logical URL names, refusing a host that is no service name.
	 */
	static String serviceIdOf(URI logicalUri) {
		// URI.getHost() is null for a host that is not a host name (an underscore, say).
		String host = (logicalUri.getHost() != null) ? logicalUri.getHost() : withoutUserInfo(logicalUri);
		// The query and any user info are left out of the description: they may carry
		// secrets.
		return ServiceNames.requireValid(host, () -> "the host of mesh URL " + logicalUri.getScheme() + "://"
				+ withoutUserInfo(logicalUri) + logicalUri.getRawPath());
	}

	private static String withoutUserInfo(URI uri) {
		String authority = uri.getRawAuthority();
		return (authority != null) ? authority.substring(authority.lastIndexOf('@') + 1) : null;
	}

}
