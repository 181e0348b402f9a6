package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are failed TLS handshakes.
 */
class TlsFailureTests {

	@Test
	void handshakeFailuresShouldBeTlsFailures() {
		assertThat(ConnectionFailures.isTlsFailure(new SSLHandshakeException("PKIX path building failed"))).isTrue();
		assertThat(ConnectionFailures.isTlsFailure(new SSLPeerUnverifiedException("peer not authenticated"))).isTrue();
	}

	@Test
	void wrappedHandshakeFailureShouldBeATlsFailure() {
		IOException wrapped = new IOException("send failed", new SSLHandshakeException("No subject alternative names"));
		assertThat(ConnectionFailures.isTlsFailure(wrapped)).isTrue();
	}

	@Test
	void refusalAlertShouldBeATlsFailure() {
		assertThat(ConnectionFailures.isTlsFailure(new SSLException("Received fatal alert: certificate_required")))
			.isTrue();
		assertThat(ConnectionFailures.isTlsFailure(new SSLException("Received fatal alert: unknown_ca"))).isTrue();
	}

	@Test
	void otherFailuresShouldNotBeTlsFailures() {
		// A broken record after the handshake may come after the request was read.
		assertThat(ConnectionFailures.isTlsFailure(new SSLException("Received fatal alert: bad_record_mac"))).isFalse();
		assertThat(ConnectionFailures.isTlsFailure(new SSLException("Tag mismatch"))).isFalse();
		assertThat(ConnectionFailures.isTlsFailure(new ConnectException("Connection refused"))).isFalse();
		assertThat(ConnectionFailures.isTlsFailure(new HttpTimeoutException("request timed out"))).isFalse();
	}

}
