package io.datapunk.mesh.internal.client;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that checks a server's certificate chain with its delegate but not the
 * host name it names, for one service whose {@code tls.verify-hostname} is off. The JDK
 * {@code HttpClient} asks every connection's engine to identify the endpoint, and only a
 * JVM-wide system property turns that off; here the chain is checked without the engine,
 * so only the clients built with this manager skip the host name. Thread-safe when the
 * delegate is.
 *
 * @author datapunk mesh team
 */
public final class AnyHostTrustManager extends X509ExtendedTrustManager {

	private final X509TrustManager delegate;

	public AnyHostTrustManager(X509TrustManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		// The two-argument check validates the chain (signatures, validity, trust
		// anchor) and skips endpoint identification.
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

}
