package io.datapunk.mesh.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS server on 127.0.0.1 and a free port, for TLS tests: it presents a given
 * certificate, may require a client certificate, and answers every request with a JSON
 * body naming itself and the client certificate's subject.
 *
 * @since 0.1.0
 */
public final class TestHttpsServer implements AutoCloseable {

	private final String name;

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger hits = new AtomicInteger();

	private TestHttpsServer(String name, SSLContext context, boolean needClientAuth) throws IOException {
		this.name = name;
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(context) {

			@Override
			public void configure(HttpsParameters params) {
				SSLParameters parameters = context.getDefaultSSLParameters();
				parameters.setNeedClientAuth(needClientAuth);
				params.setSSLParameters(parameters);
			}

		});
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Start a server that needs no client certificate.
	 * @param name the name the server puts in its answers
	 * @param certificate the certificate it presents
	 * @return the running server
	 */
	public static TestHttpsServer start(String name, TestCertificates.Issued certificate) {
		return start(name, certificate.serverContext(), false);
	}

	/**
	 * Start a server that requires a client certificate signed by an authority.
	 * @param name the name the server puts in its answers
	 * @param certificate the certificate it presents
	 * @param clients the authority of the client certificates it accepts
	 * @return the running server
	 */
	public static TestHttpsServer requiringClientCertificate(String name, TestCertificates.Issued certificate,
			TestCertificates.Authority clients) {
		return start(name, certificate.serverContext(clients), true);
	}

	private static TestHttpsServer start(String name, SSLContext context, boolean needClientAuth) {
		try {
			return new TestHttpsServer(name, context, needClientAuth);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			this.hits.incrementAndGet();
			String json = "{\"server\":\"" + this.name + "\",\"client\":\"" + clientOf((HttpsExchange) exchange)
					+ "\"}";
			byte[] response = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	private static String clientOf(HttpsExchange exchange) {
		try {
			Principal peer = exchange.getSSLSession().getPeerPrincipal();
			return peer.getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			return "";
		}
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the server's address with the https scheme.
	 * @return the address
	 */
	public URI uri() {
		return URI.create("https://127.0.0.1:" + port());
	}

	/**
	 * Return the requests answered so far.
	 * @return the count
	 */
	public int hits() {
		return this.hits.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
