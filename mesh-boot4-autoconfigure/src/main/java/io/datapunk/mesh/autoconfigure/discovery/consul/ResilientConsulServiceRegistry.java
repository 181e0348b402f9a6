package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;

import org.springframework.cloud.consul.ConsulClient;
import org.springframework.cloud.consul.model.http.agent.NewService;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrar;
import io.datapunk.mesh.internal.support.MeshJson;

/**
 * spring-cloud-consul's {@link ConsulServiceRegistry} made to survive Consul outages:
 * spring-cloud-consul still builds the registration (its
 * {@code spring.cloud.consul.discovery.*} keys, customizers) and calls {@link #register}
 * when the web server is up and {@link #deregister} at shutdown, but registering never
 * fails: it is handed to a background registrar that tries until the agent accepts it,
 * makes it again if the agent loses it, and keeps a TTL check passing. The calls go
 * through the mesh's Consul client, with the ACL token in a header only. (Boot 4 twin of
 * the 3.5 class: Spring Cloud Consul 5 has its own client and {@link NewService}, whose
 * JSON names are Jackson annotations, where ecwid's were Gson's: written with the
 * engine's {@link MeshJson}, Jackson 3 or 2.)
 *
 * @since 0.1.0
 */
public class ResilientConsulServiceRegistry extends ConsulServiceRegistry {

	private final ConsulRegistrar registrar;

	private final HeartbeatProperties heartbeat;

	private final Duration deregisterCriticalAfter;

	ResilientConsulServiceRegistry(ConsulClient client, ConsulDiscoveryProperties properties,
			HeartbeatProperties heartbeat, ConsulRegistrar registrar, Duration deregisterCriticalAfter) {
		super(client, properties, null, heartbeat);
		this.registrar = registrar;
		this.heartbeat = heartbeat;
		this.deregisterCriticalAfter = deregisterCriticalAfter;
	}

	@Override
	public void register(ConsulRegistration registration) {
		NewService service = registration.getService();
		NewService.Check check = service.getCheck();
		// Set here, not in a customizer: spring-cloud-consul builds the check again once
		// the web server's port is known.
		if (check != null && check.getDeregisterCriticalServiceAfter() == null) {
			check.setDeregisterCriticalServiceAfter(this.deregisterCriticalAfter.toSeconds() + "s");
		}
		String ttlCheckId = null;
		if (this.heartbeat.isEnabled() && service.getCheck() != null && service.getCheck().getTtl() != null) {
			// The id Consul gives the one check of a registration.
			ttlCheckId = "service:" + service.getId();
		}
		Duration interval = heartbeatInterval(this.heartbeat);
		this.registrar.register(new ConsulRegistrar.Registration(service.getName(), service.getId(), toJson(service),
				ttlCheckId, interval));
	}

	/**
	 * Write the registration as Consul's agent API reads it, leaving out what is unset.
	 */
	private static String toJson(NewService service) {
		return MeshJson.get().writeBean(service);
	}

	private static Duration heartbeatInterval(HeartbeatProperties heartbeat) {
		Duration ttl = heartbeat.getTtl();
		long millis = (long) (ttl.toMillis() * heartbeat.getIntervalRatio());
		return Duration.ofMillis(Math.max(100, millis));
	}

	@Override
	public void deregister(ConsulRegistration registration) {
		this.registrar.deregister();
	}

	@Override
	public void close() {
		this.registrar.close();
	}

}
