package io.datapunk.mesh.autoconfigure.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.TlsSettings;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import io.datapunk.mesh.internal.client.ClientCertificateRequests;
import io.datapunk.mesh.internal.client.RecordingKeyManager;
import io.datapunk.mesh.internal.client.AnyHostTrustManager;

/**
 * The Spring Boot SSL bundles that the services' {@code tls.bundle} name: checked when
 * the mesh starts, looked up (always the current version, so a reloaded bundle counts)
 * when a service's HTTP client is built, and watched for reloads. Only names are kept
 * here; key material stays in the bundles. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class ServiceTlsBundles {

	private static final String RULE = "must name an SSL bundle configured under spring.ssl.bundle";

	private final SslBundles bundles;

	/** Bundle names in use, each with the property that names it (for reports). */
	private final Map<String, String> used;

	/**
	 * Check that every bundle named under {@code mesh.*.tls.bundle} exists.
	 * @throws InvalidMeshPropertyException naming the property, the value and the bundles
	 * that exist, if one does not
	 */
	public ServiceTlsBundles(MeshSettings settings, SslBundles bundles) {
		this.bundles = bundles;
		this.used = new LinkedHashMap<>();
		String defaultBundle = settings.defaults().tls().bundle();
		if (defaultBundle != null) {
			this.used.put(defaultBundle, "mesh.defaults.tls.bundle");
		}
		for (String serviceId : settings.configuredServices()) {
			String bundle = settings.service(serviceId).tls().bundle();
			if (bundle != null && !Objects.equals(bundle, defaultBundle)) {
				this.used.putIfAbsent(bundle, "mesh.services." + serviceId + ".tls.bundle");
			}
		}
		this.used.forEach(this::requireKnown);
	}

	private void requireKnown(String bundle, String property) {
		if (this.bundles == null) {
			throw new InvalidMeshPropertyException(property, bundle,
					RULE + ", but the application has no SslBundles bean (Spring Boot's SslAutoConfiguration)",
					"a bundle configured under spring.ssl.bundle.pem.<name>");
		}
		List<String> known = this.bundles.getBundleNames();
		if (!known.contains(bundle)) {
			String example = known.isEmpty() ? "'mesh-ca' with spring.ssl.bundle.pem.mesh-ca.truststore.certificate set"
					: "'" + known.get(0) + "'";
			throw new InvalidMeshPropertyException(property, bundle, RULE + " (configured: " + known + ")", example);
		}
	}

	/**
	 * Call a listener with a bundle's name whenever that bundle is reloaded.
	 * @param listener called on the thread that reloaded the bundle
	 */
	void onReload(Consumer<String> listener) {
		for (String bundle : this.used.keySet()) {
			this.bundles.addBundleUpdateHandler(bundle, (updated) -> listener.accept(bundle));
		}
	}

	/**
	 * Return the bundle the HTTP client of a service needs, in its current version, with
	 * key managers that record unanswered client certificate requests and, when the
	 * service's {@code tls.verify-hostname} is off, trust managers that skip host names.
	 * @param service the service's settings
	 * @param requests where unanswered client certificate requests are recorded
	 * @return the bundle, or {@code null} if the client's default TLS configuration
	 * serves
	 */
	SslBundle bundleFor(ServiceSettings service, ClientCertificateRequests requests) {
		TlsSettings tls = service.tls();
		if (!tls.isCustomized()) {
			return null;
		}
		SslBundle bundle = (tls.bundle() != null) ? this.bundles.getBundle(tls.bundle()) : SslBundle.systemDefault();
		SslManagerBundle managers = bundle.getManagers();
		KeyManagerFactory keys = managers.getKeyManagerFactory();
		KeyManager[] keyManagers = keys.getKeyManagers().clone();
		for (int i = 0; i < keyManagers.length; i++) {
			if (keyManagers[i] instanceof X509KeyManager x509) {
				keyManagers[i] = new RecordingKeyManager(x509, requests);
			}
		}
		TrustManagerFactory trust = tls.verifyHostname() ? managers.getTrustManagerFactory()
				: anyHost(managers.getTrustManagers());
		return SslBundle.of(bundle.getStores(), bundle.getKey(), bundle.getOptions(), bundle.getProtocol(),
				SslManagerBundle.of(FixedKeyManagerFactory.of(keys.getAlgorithm(), keyManagers), trust));
	}

	/**
	 * Trust managers that check certificate chains but not host names: a client built
	 * with them skips host names, and no other client does.
	 */
	private static TrustManagerFactory anyHost(TrustManager[] trustManagers) {
		TrustManager[] anyHost = trustManagers.clone();
		for (int i = 0; i < anyHost.length; i++) {
			if (anyHost[i] instanceof X509TrustManager x509) {
				anyHost[i] = new AnyHostTrustManager(x509);
			}
		}
		return SslManagerBundle.from(anyHost).getTrustManagerFactory();
	}

}
