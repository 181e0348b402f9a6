package io.datapunk.mesh.internal.client;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;

/**
 * Instances that asked for a client certificate that the service's SSL bundle could not
 * give (none, or none issued by an authority they accept), and when. With TLS 1.3 an
 * instance refuses such a handshake after the client considers it done, and the JDK
 * client then reports only a closed connection; this record lets that failure be told
 * apart and reported as a TLS failure. Holds addresses and authority names, never keys.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class ClientCertificateRequests {

	private final String bundle;

	private final Map<String, Request> unanswered = new ConcurrentHashMap<>();

	public ClientCertificateRequests(String bundle) {
		this.bundle = bundle;
	}

	void unanswered(SSLEngine engine, Principal[] issuers) {
		if (engine != null && engine.getPeerHost() != null) {
			record(engine.getPeerHost(), engine.getPeerPort(), issuers);
		}
	}

	void unanswered(Socket socket, Principal[] issuers) {
		if (socket != null && socket.getRemoteSocketAddress() instanceof InetSocketAddress address) {
			record(address.getHostString(), address.getPort(), issuers);
		}
	}

	private void record(String host, int port, Principal[] issuers) {
		String accepted = (issuers != null && issuers.length > 0)
				? Arrays.stream(issuers).map(Principal::getName).toList().toString() : "any";
		this.unanswered.put(key(host, port), new Request(System.nanoTime(), accepted));
	}

	/**
	 * Return a description of the refusal if the instance at an address asked for a
	 * client certificate that could not be given since a moment.
	 * @param target the address the attempt went to
	 * @param sinceNanos {@link System#nanoTime()} when the attempt started
	 * @return the description, or {@code null}
	 */
	String refusal(URI target, long sinceNanos) {
		Request request = this.unanswered.get(key(target.getHost(), target.getPort()));
		if (request == null || request.atNanos() - sinceNanos < 0) {
			return null;
		}
		String bundle = (this.bundle != null) ? "SSL bundle '" + this.bundle + "'" : "the JVM's default key store";
		return "the instance asked for a client certificate issued by " + request.acceptedIssuers() + ", and " + bundle
				+ " has none that it accepts";
	}

	private static String key(String host, int port) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		return bare + ":" + port;
	}

	private record Request(long atNanos, String acceptedIssuers) {
	}

}
