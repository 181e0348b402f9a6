package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Attempts of a service with its own SSL bundle: an attempt that failed right after the
 * instance asked for a client certificate the bundle could not give is reported as the
 * failed TLS handshake it is, rather than as the closed connection the HTTP client saw
 * (TLS 1.3 servers refuse a client certificate after the client finished the handshake).
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class ClientCertificateAwareTransport extends AttemptTransport {

	private final AttemptTransport delegate;

	private final ClientCertificateRequests requests;

	public ClientCertificateAwareTransport(AttemptTransport delegate, ClientCertificateRequests requests) {
		this.delegate = delegate;
		this.requests = requests;
	}

	@Override
	ClientHttpResponse send(URI target, HttpMethod method, HttpHeaders headers, Map<String, Object> attributes,
			byte[] body, Duration timeLimit) throws IOException {
		long start = System.nanoTime();
		try {
			return this.delegate.send(target, method, headers, attributes, body, timeLimit);
		}
		catch (IOException ex) {
			String refusal = (ex instanceof HttpTimeoutException) ? null : this.requests.refusal(target, start);
			if (refusal == null) {
				throw ex;
			}
			if (hasSslCause(ex)) {
				SSLHandshakeException handshake = new SSLHandshakeException(refusal);
				handshake.initCause(ex);
				throw handshake;
			}
			// The handshake itself may have succeeded (a server that only wants a client
			// certificate) and the request been processed: say what was seen, but leave
			// it an ordinary I/O failure, so that a POST is never sent elsewhere for it.
			throw new IOException(
					"Probably a TLS failure: " + refusal + "; the connection then failed: " + ex.getMessage(), ex);
		}
	}

	private static boolean hasSslCause(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SSLException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	@Override
	public boolean holdsResources() {
		return this.delegate.holdsResources();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
