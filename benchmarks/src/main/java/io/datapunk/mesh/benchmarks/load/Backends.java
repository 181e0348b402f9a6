package io.datapunk.mesh.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three backend instances every variant calls. Not thread-safe: one coordinating
 * thread prepares them, while callers' requests are served concurrently.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class Backends implements AutoCloseable {

	/**
	 * How many backend instances a scenario runs.
	 */
	public static final int COUNT = 3;

	/**
	 * How every backend's name starts, and so its threads' names.
	 */
	static final String NAME_PREFIX = "backend-";

	private final List<Backend> backends = new ArrayList<>(COUNT);

	/**
	 * Start the backends on free ports.
	 * @param threads the threads of each backend
	 */
	public Backends(int threads) {
		try {
			for (int i = 1; i <= COUNT; i++) {
				this.backends.add(new Backend(NAME_PREFIX + i, threads));
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the backend at an index.
	 * @param index 0 to {@link #COUNT} - 1
	 * @return the backend
	 */
	public Backend get(int index) {
		return this.backends.get(index);
	}

	/**
	 * Return the backend that a scenario makes slow, failing or dead: the last one.
	 * @return the backend
	 */
	public Backend odd() {
		return this.backends.get(COUNT - 1);
	}

	/**
	 * Return every backend's address.
	 * @return the addresses, in order
	 */
	public List<String> urls() {
		return this.backends.stream().map(Backend::url).toList();
	}

	/**
	 * Bring every backend back to healthy: running, no delay, no errors, counters at
	 * zero.
	 */
	public void reset() {
		for (Backend backend : this.backends) {
			try {
				backend.restart();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not restart " + backend.name() + " on " + backend.url(), ex);
			}
			backend.setDelayMillis(0);
			backend.setErrorRate(0);
			backend.resetCounters();
		}
	}

	/**
	 * Set every backend's counters to zero.
	 */
	public void resetCounters() {
		this.backends.forEach(Backend::resetCounters);
	}

	/**
	 * Return the requests each backend received since the counters were reset.
	 * @return the counts, in order
	 */
	public long[] requests() {
		return this.backends.stream().mapToLong(Backend::requests).toArray();
	}

	@Override
	public void close() {
		this.backends.forEach(Backend::close);
	}

}
