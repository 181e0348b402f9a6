package io.datapunk.mesh.internal.resilience;

/**
 * The deadline of the request this thread is serving, as its caller sent it; the mesh
 * calls made on this thread finish by then. Set by the mesh's servlet filter; code that
 * hands work to other threads can carry it along with {@link #current()} and
 * {@link #open(Deadline)}. A reactive request has no thread of its own: its deadline is
 * in the Reactor context, under {@link #CONTEXT_KEY}.
 *
 * @since 0.1.0
 */
public final class InboundDeadline {

	/**
	 * Reactor context key whose value, a {@link Deadline}, is the time the caller of a
	 * reactive request has; the mesh's {@code WebFilter} puts it there and the reactive
	 * engine reads it.
	 */
	public static final Class<Deadline> CONTEXT_KEY = Deadline.class;

	private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

	private InboundDeadline() {
	}

	/**
	 * Return the deadline of the request this thread is serving.
	 * @return the deadline, or {@code null} if there is none
	 */
	public static Deadline current() {
		return CURRENT.get();
	}

	/**
	 * Make a deadline this thread's until the returned scope is closed, which restores
	 * the one before.
	 * @param deadline the deadline, may be {@code null} for none
	 * @return the scope to close
	 */
	public static Scope open(Deadline deadline) {
		Deadline previous = CURRENT.get();
		CURRENT.set(deadline);
		return () -> {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		};
	}

	/**
	 * A deadline made current by {@link #open(Deadline)}.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		/**
		 * Restore the deadline that was current before.
		 */
		@Override
		void close();

	}

}
