package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.datapunk.mesh.internal.discovery.LookupDeadline;

/**
 * One look-up per service at a time for the near tier: a call that finds another call's
 * look-up of the same service under way waits for its result rather than start its own,
 * but, since a look-up may hang, no longer than its own deadline allows (and at most the
 * given timeout); it then goes on with the entry held, if any. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class CoalescedLoads {

	private final Map<String, CompletableFuture<NearEntry>> loading = new ConcurrentHashMap<>();

	private final Duration timeout;

	CoalescedLoads(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Load a service's entry, or wait for the load under way.
	 * @param serviceId the service
	 * @param previous the entry held, may be {@code null}
	 * @param load the look-up, run on the caller's thread if none is under way
	 * @param nothing the entry for a call that waited in vain and holds none
	 * @return the entry
	 */
	NearEntry load(String serviceId, NearEntry previous, Supplier<NearEntry> load, Supplier<NearEntry> nothing) {
		CompletableFuture<NearEntry> mine = new CompletableFuture<>();
		CompletableFuture<NearEntry> running = this.loading.putIfAbsent(serviceId, mine);
		if (running != null) {
			NearEntry other = awaitOther(running);
			return (other != null) ? other : (previous != null) ? previous : nothing.get();
		}
		try {
			NearEntry loaded = load.get();
			mine.complete(loaded);
			return loaded;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(serviceId, mine);
		}
	}

	private NearEntry awaitOther(CompletableFuture<NearEntry> running) {
		Duration wait = LookupDeadline.cap(this.timeout);
		try {
			return running.get(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
		}
		catch (TimeoutException ex) {
			// Not in time: this call goes on with what is held, if anything.
		}
		return null;
	}

}
