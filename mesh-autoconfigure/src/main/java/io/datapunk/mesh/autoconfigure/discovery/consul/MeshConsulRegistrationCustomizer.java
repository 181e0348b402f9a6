package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.datapunk.mesh.internal.config.MeshSettings;

import org.springframework.cloud.consul.serviceregistry.ConsulRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulRegistrationCustomizer;

/**
 * Puts the mesh's view of this application into its Consul registration: the service name
 * {@code mesh.service-name}, an instance id unique per instance (unless
 * {@code spring.cloud.consul.discovery.instance-id} is set), metadata {@code zone},
 * {@code version} ({@code spring.application.version}), {@code config-version} and
 * {@code secure} (when the web server runs with TLS).
 *
 * @since 0.1.0
 */
public class MeshConsulRegistrationCustomizer implements ConsulRegistrationCustomizer {

	private final MeshSettings settings;

	private final RegistrationFacts facts;

	MeshConsulRegistrationCustomizer(MeshSettings settings, RegistrationFacts facts) {
		this.settings = settings;
		this.facts = facts;
	}

	@Override
	public void customize(ConsulRegistration registration) {
		// NewService is ecwid's on Boot 3.5 and Spring Cloud Consul's own on Boot 4.
		var service = registration.getService();
		if (this.settings.getServiceName() != null) {
			service.setName(this.settings.getServiceName());
		}
		if (!this.facts.instanceIdConfigured()) {
			// spring-cloud-consul's default id is name-port: two instances on one agent
			// (or behind one address) would replace each other's registration.
			byte[] random = new byte[6];
			ThreadLocalRandom.current().nextBytes(random);
			service.setId(service.getName() + "-" + HexFormat.of().formatHex(random));
		}
		Map<String, String> meta = (service.getMeta() != null) ? new HashMap<>(service.getMeta()) : new HashMap<>();
		putIfText(meta, "zone", this.settings.getZone());
		putIfText(meta, "config-version", this.settings.getConfigVersion());
		putIfText(meta, "version", this.facts.version());
		if (this.facts.serverSecure()) {
			meta.put("secure", "true");
		}
		service.setMeta(meta);
	}

	private static void putIfText(Map<String, String> meta, String key, String value) {
		if (value != null && !value.isBlank()) {
			meta.put(key, value);
		}
	}

	/**
	 * What the customizer needs to know about the application.
	 *
	 * @param instanceIdConfigured whether
	 * {@code spring.cloud.consul.discovery.instance-id} is set
	 * @param version the application's version, or {@code null}
	 * @param serverSecure whether the web server runs with TLS
	 */
	record RegistrationFacts(boolean instanceIdConfigured, String version, boolean serverSecure) {

	}

}
