package io.datapunk.mesh.resilience;

import java.net.URI;
import java.time.Instant;

import io.datapunk.mesh.cache.MeshEventChannel;
import io.datapunk.mesh.cache.RemoteEjectionListener;

/**
 * Shares ejections with the other application instances through a
 * {@link MeshEventChannel}: publishes this application's own ejections and readmissions,
 * and applies theirs to the outlier detector of the same service, if this application has
 * called it (an event never creates state). Thread-safe.
 *
 * @author datapunk mesh team
 */
final class SharedEjections implements OutlierListener {

	private final MeshEventChannel channel;

	SharedEjections(MeshEventChannel channel) {
		this.channel = channel;
	}

	/**
	 * Start applying the other application instances' events to the registry's detectors.
	 */
	void applyRemoteEventsTo(ResilienceRegistry registry) {
		this.channel.addListener(new RemoteEjectionListener() {

			@Override
			public void ejected(String serviceId, URI instance, Instant until) {
				OutlierDetector detector = detectorOf(registry, serviceId);
				if (detector != null) {
					detector.applyEjection(instance, until);
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

	private static OutlierDetector detectorOf(ResilienceRegistry registry, String serviceId) {
		ServiceResilience service = registry.find(serviceId);
		return (service != null) ? service.outlierDetector() : null;
	}

}
