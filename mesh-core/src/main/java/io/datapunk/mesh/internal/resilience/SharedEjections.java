package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.spi.RemoteEjectionListener;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Shares ejections with the other application instances through a
 * {@link MeshEventChannel}: publishes this application's own ejections and readmissions,
 * and applies theirs to the outlier detector of the same service, if this application has
 * one (an event never creates state), and only to an address in the service's current
 * list. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class SharedEjections implements OutlierListener {

	private final MeshEventChannel channel;

	private final Function<String, List<ServiceInstance>> currentLists;

	/**
	 * Create the sharing.
	 * @param channel the channel
	 * @param currentLists the current list of a service as calls get it, without a
	 * look-up ({@code null} if none is held); {@code null} to use the list each detector
	 * last saw
	 */
	public SharedEjections(MeshEventChannel channel, Function<String, List<ServiceInstance>> currentLists) {
		this.channel = channel;
		this.currentLists = (currentLists != null) ? currentLists : (serviceId) -> null;
	}

	/**
	 * Start applying the other application instances' events to the registry's detectors.
	 */
	public void applyRemoteEventsTo(ResilienceRegistry registry) {
		this.channel.addListener(new RemoteEjectionListener() {

			@Override
			public void ejected(String serviceId, URI instance, Instant until) {
				OutlierDetector detector = detectorOf(registry, serviceId);
				if (detector != null) {
					// Only an address in this application's current list is ejected.
					detector.applyEjection(instance, until, currentList(serviceId));
				}
			}

			@Override
			public void readmitted(String serviceId, URI instance, Instant ejectedUntil) {
				OutlierDetector detector = detectorOf(registry, serviceId);
				if (detector != null) {
					detector.applyReadmission(instance, ejectedUntil);
				}
			}

		});
	}

	@Override
	public void ejected(String serviceId, URI instance, Instant until) {
		this.channel.publishEjection(serviceId, instance, until);
	}

	@Override
	public void readmitted(String serviceId, URI instance, Instant ejectedUntil) {
		this.channel.publishReadmission(serviceId, instance, ejectedUntil);
	}

	private List<ServiceInstance> currentList(String serviceId) {
		return this.currentLists.apply(serviceId);
	}

	private static OutlierDetector detectorOf(ResilienceRegistry registry, String serviceId) {
		ServiceResilience service = registry.find(serviceId);
		return (service != null) ? service.outlierDetector() : null;
	}

}
