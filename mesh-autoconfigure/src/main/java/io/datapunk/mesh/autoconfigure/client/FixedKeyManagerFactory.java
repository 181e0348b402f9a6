package io.datapunk.mesh.autoconfigure.client;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;

/**
 * A {@link KeyManagerFactory} that returns key managers it was given, so that a Spring
 * Boot {@link org.springframework.boot.ssl.SslManagerBundle} can carry wrapped ones (as
 * Boot's own fixed trust manager factory does for trust managers).
 *
 * @author datapunk mesh team
 */
final class FixedKeyManagerFactory extends KeyManagerFactory {

	private FixedKeyManagerFactory(Spi spi, String algorithm) {
		super(spi, new Provider("MeshFixedKeyManagerFactory", "1", "Fixed key managers of a mesh service") {
		}, algorithm);
	}

	static KeyManagerFactory of(String algorithm, KeyManager... keyManagers) {
		return new FixedKeyManagerFactory(new Spi(keyManagers), algorithm);
	}

	private static final class Spi extends KeyManagerFactorySpi {

		private final KeyManager[] keyManagers;

		Spi(KeyManager[] keyManagers) {
			this.keyManagers = keyManagers;
		}

		@Override
		protected void engineInit(KeyStore keyStore, char[] password) {
		}

		@Override
		protected void engineInit(ManagerFactoryParameters parameters) {
		}

		@Override
		protected KeyManager[] engineGetKeyManagers() {
			return this.keyManagers.clone();
		}

	}

}
