package io.datapunk.mesh.benchmarks.jmh;

import java.util.Set;

import io.datapunk.mesh.internal.client.AttemptTransport;
import io.datapunk.mesh.internal.client.AttemptTransports;
import io.datapunk.mesh.internal.client.TimedAttemptTransport;

import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * One transport for every service that runs each attempt on the caller's thread: the
 * mesh's timed transport with an executor that runs the attempt at once, so that a
 * benchmark measures the mesh without the hand-off to a worker thread that a real
 * transport other than the JDK client pays (and which only adds scheduling noise to a
 * stub that answers at once).
 *
 * @author datapunk mesh team
 */
final class CallerThreadTransports implements AttemptTransports {

	private final AttemptTransport transport;

	CallerThreadTransports(ClientHttpRequestFactory factory) {
		this.transport = new TimedAttemptTransport(factory, Runnable::run);
	}

	@Override
	public AttemptTransport forService(String serviceId) {
		return this.transport;
	}

	@Override
	public void release(Set<String> serviceIds) {
	}

	@Override
	public void close() {
	}

}
