package io.datapunk.mesh.internal.engine;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.internal.engine.AttemptObserver.Observed;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One attempt of a {@link CallLoop}, started and not yet judged.
 *
 * @param instance where it goes
 * @param available the instances that could take it
 * @param target the instance's URI for the request
 * @param timeLimit the time it has
 * @param start when it started
 * @param observed its observation
 * @author datapunk mesh team
 */
record AttemptInFlight(ServiceInstance instance, List<ServiceInstance> available, URI target, Duration timeLimit,
		long start, Observed observed) {

}
