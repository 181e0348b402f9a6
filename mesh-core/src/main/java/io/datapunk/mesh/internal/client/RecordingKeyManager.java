package io.datapunk.mesh.internal.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A key manager that chooses client certificates with its delegate and records, in
 * {@link ClientCertificateRequests}, each instance that asked for one the delegate could
 * not choose. Thread-safe when the delegate is.
 *
 * @author datapunk mesh team
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {

	private final X509KeyManager delegate;

	private final ClientCertificateRequests requests;

	public RecordingKeyManager(X509KeyManager delegate, ClientCertificateRequests requests) {
		this.delegate = delegate;
		this.requests = requests;
	}

	@Override
	public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
		String alias = (this.delegate instanceof X509ExtendedKeyManager extended)
				? extended.chooseEngineClientAlias(keyType, issuers, engine)
				: this.delegate.chooseClientAlias(keyType, issuers, null);
		if (alias == null) {
			this.requests.unanswered(engine, issuers);
		}
		return alias;
	}

	@Override
	public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
		String alias = this.delegate.chooseClientAlias(keyType, issuers, socket);
		if (alias == null) {
			this.requests.unanswered(socket, issuers);
		}
		return alias;
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return this.delegate.getClientAliases(keyType, issuers);
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		return this.delegate.getServerAliases(keyType, issuers);
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		return this.delegate.chooseServerAlias(keyType, issuers, socket);
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return (this.delegate instanceof X509ExtendedKeyManager extended)
				? extended.chooseEngineServerAlias(keyType, issuers, engine)
				: this.delegate.chooseServerAlias(keyType, issuers, null);
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		return this.delegate.getCertificateChain(alias);
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		return this.delegate.getPrivateKey(alias);
	}

}
