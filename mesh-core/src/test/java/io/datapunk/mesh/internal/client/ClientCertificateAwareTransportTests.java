package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.datapunk.mesh.internal.engine.ConnectionFailures;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ClientCertificateAwareTransport}: an unanswered request for a client
 * certificate makes a handshake failure readable, but never turns a failure after the
 * handshake into one, since the request may then have been processed (and a POST must not
 * go elsewhere).
 */
class ClientCertificateAwareTransportTests {

	private static final URI TARGET = URI.create("https://127.0.0.1:8443/orders");

	@Test
	void resetAfterAWantedButMissingClientCertificateShouldStayAnOrdinaryIoFailure() throws IOException {
		ClientCertificateRequests requests = new ClientCertificateRequests("orders-tls");
		IOException failure = catchThrowableOfType(IOException.class,
				() -> transport(new SocketException("Connection reset"), requests).send(TARGET, HttpMethod.POST,
						new HttpHeaders(), Map.of(), new byte[0], Duration.ofSeconds(1)));
		assertThat(failure).isNotInstanceOf(SSLException.class);
		assertThat(ConnectionFailures.isTlsFailure(failure)).isFalse();
		assertThat(ConnectionFailures.neverReachedServer(failure)).isFalse();
		assertThat(failure).hasMessageContaining("asked for a client certificate").hasMessageContaining("reset");
	}

	@Test
	void handshakeFailureAfterAnUnansweredRequestShouldBeATlsFailure() throws IOException {
		ClientCertificateRequests requests = new ClientCertificateRequests("orders-tls");
		IOException failure = catchThrowableOfType(IOException.class,
				() -> transport(new IOException("closed", new SSLHandshakeException("bad_certificate")), requests)
					.send(TARGET, HttpMethod.GET, new HttpHeaders(), Map.of(), new byte[0], Duration.ofSeconds(1)));
		assertThat(failure).isInstanceOf(SSLHandshakeException.class)
			.hasMessageContaining("asked for a client certificate");
		assertThat(ConnectionFailures.isTlsFailure(failure)).isTrue();
	}

	/** Record, as the key manager would during the handshake, an unanswered request. */
	private static void requestedBy(ClientCertificateRequests requests, int port) {
		requests.unanswered(new Socket() {
			@Override
			public java.net.SocketAddress getRemoteSocketAddress() {
				return new InetSocketAddress("127.0.0.1", port);
			}
		}, null);
	}

	private static ClientCertificateAwareTransport transport(IOException failure, ClientCertificateRequests requests) {
		return new ClientCertificateAwareTransport(new AttemptTransport() {
			@Override
			ClientHttpResponse send(URI target, HttpMethod method, HttpHeaders headers, Map<String, Object> attributes,
					byte[] body, Duration timeLimit) throws IOException {
				requestedBy(requests, target.getPort());
				throw failure;
			}

			@Override
			public void close() {
			}
		}, requests);
	}

}
