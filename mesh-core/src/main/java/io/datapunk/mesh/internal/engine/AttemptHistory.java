package io.datapunk.mesh.internal.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.datapunk.mesh.MeshAttempt;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The failed attempts of one call and the instances they went to: what a failure reports
 * to the caller, and which instances a requeue or retry should avoid. Its lists are
 * created on the first failure, so a call that succeeds at once allocates nothing. Used
 * by one thread.
 *
 * @author datapunk mesh team
 */
final class AttemptHistory {

	private final boolean tls;

	/** Monotonic nanoseconds, for the attempts' durations. */
	private final LongSupplier ticker;

	/** Attempts that failed, in order; created on the first failure. */
	private List<MeshAttempt> failed;

	/** Instances tried so far; created on the first failure. */
	private List<ServiceInstance> tried;

	AttemptHistory(boolean tls, LongSupplier ticker) {
		this.tls = tls;
		this.ticker = ticker;
	}

	void recordFailure(ServiceInstance instance, String outcome, long startNanos) {
		if (this.failed == null) {
			this.failed = new ArrayList<>(4);
			this.tried = new ArrayList<>(4);
		}
		this.failed.add(new MeshAttempt(this.failed.size() + 1, addressOf(instance), outcome,
				Duration.ofNanos(this.ticker.getAsLong() - startNanos)));
		this.tried.add(instance);
	}

	/** Say that the last failed attempt was requeued: sent elsewhere, not counted. */
	void markLastRequeued() {
		int last = this.failed.size() - 1;
		this.failed.set(last, this.failed.get(last).asRequeued());
	}

	/**
	 * Return the instance's address; one that is not a valid URI (an unusable address a
	 * discovery source gave) is reported quoted in an opaque {@code invalid:} URI.
	 */
	private URI addressOf(ServiceInstance instance) {
		try {
			return InstanceUris.base(instance, this.tls);
		}
		catch (IllegalArgumentException ex) {
			try {
				String address = InstanceUris.describeAddress(instance);
				return new URI("invalid", address.substring(1, address.length() - 1), null);
			}
			catch (URISyntaxException unexpected) {
				return URI.create("invalid:address");
			}
		}
	}

	boolean hasFailures() {
		return this.failed != null;
	}

	List<MeshAttempt> attempts() {
		return (this.failed != null) ? this.failed : List.of();
	}

	/** Prefer instances not tried yet; when every instance was tried, any will do. */
	List<ServiceInstance> untriedOrAll(List<ServiceInstance> available) {
		if (this.tried == null) {
			return available;
		}
		List<ServiceInstance> untried = new ArrayList<>(available.size());
		for (ServiceInstance candidate : available) {
			if (!wasTried(candidate)) {
				untried.add(candidate);
			}
		}
		return untried.isEmpty() ? available : untried;
	}

	/** Tell whether an instance not tried yet is among the available ones. */
	boolean hasUntried(List<ServiceInstance> available) {
		return untriedOrAll(available) != available;
	}

	private boolean wasTried(ServiceInstance instance) {
		for (ServiceInstance done : this.tried) {
			if (done.getPort() == instance.getPort() && done.isSecure() == instance.isSecure()
					&& done.getHost().equalsIgnoreCase(instance.getHost())) {
				return true;
			}
		}
		return false;
	}

}
