package io.datapunk.mesh.internal.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.util.Assert;

/**
 * Budget of retries for one service, shared by requeues and retries, as in Finagle and
 * Linkerd. Over a sliding window, the retries allowed are {@code retryRatio} times the
 * requests {@link #deposit() deposited} in the window, plus a floor of
 * {@code minRetriesPerSecond} times the window in seconds, minus the retries already
 * {@link #tryWithdraw() withdrawn} in the window. The floor lets a quiet service retry at
 * all; the ratio keeps retries of a busy service from multiplying its load when it fails.
 * <p>
 * State model: time is cut into ten buckets of a tenth of the window each, which hold the
 * requests and retries counted in them. When time moves past a bucket's window, its
 * counts drop out, so a request or retry stops counting between 0.9 and 1 window after it
 * happened. Retries can outlive the requests that paid for them; the budget is then
 * spent, never negative, until they drop out too.
 * <p>
 * Thread-safe: each method holds the budget's lock for a few array updates (and at most
 * ten bucket resets after time has moved on). {@link #deposit()} does not allocate.
 *
 * @since 0.1.0
 */
public final class RetryBudget {

	private static final int BUCKETS = 10;

	private static final long PARTS_PER_MILLION = 1_000_000;

	private final double retryRatio;

	private final int minRetriesPerSecond;

	private final Duration window;

	/** Monotonic nanoseconds: a wall clock stepped back or ahead changes nothing. */
	private final LongSupplier ticker;

	private final long retryRatioPpm;

	private final long floor;

	private final long bucketMillis;

	private final long[] requests = new long[BUCKETS];

	private final long[] retries = new long[BUCKETS];

	private long epoch;

	private long requestsInWindow;

	private long retriesInWindow;

	/**
	 * Create a budget.
	 * @param retryRatio the retries allowed per request, from 0 to 1 ({@code 0.2} allows
	 * one retry for every five requests)
	 * @param minRetriesPerSecond the retries allowed per second whatever the number of
	 * requests, 0 or more
	 * @param window how long requests and retries count, at least 1 second
	 * @param clock the clock that tells the time; a wall clock stepped back freezes the
	 * budget until it catches up, so prefer a monotonic ticker
	 * @throws IllegalArgumentException if an argument is out of range or {@code null}
	 */
	public RetryBudget(double retryRatio, int minRetriesPerSecond, Duration window, Clock clock) {
		this(retryRatio, minRetriesPerSecond, window, millisOf(clock));
	}

	/**
	 * Create a budget that measures time with a monotonic ticker.
	 * @param retryRatio the retries allowed per request, from 0 to 1 ({@code 0.2} allows
	 * one retry for every five requests)
	 * @param minRetriesPerSecond the retries allowed per second whatever the number of
	 * requests, 0 or more
	 * @param window how long requests and retries count, at least 1 second
	 * @param ticker monotonic nanoseconds, such as {@code System::nanoTime}
	 * @throws IllegalArgumentException if an argument is out of range or {@code null}
	 */
	public RetryBudget(double retryRatio, int minRetriesPerSecond, Duration window, LongSupplier ticker) {
		// Written so that NaN fails too.
		Assert.isTrue(retryRatio >= 0 && retryRatio <= 1,
				() -> "retryRatio must be between 0 and 1, but was " + retryRatio);
		Assert.isTrue(minRetriesPerSecond >= 0,
				() -> "minRetriesPerSecond must be >= 0, but was " + minRetriesPerSecond);
		Assert.notNull(window, "window must not be null");
		Assert.isTrue(window.compareTo(Duration.ofSeconds(1)) >= 0,
				() -> "window must be at least 1 second, but was " + window);
		Assert.notNull(ticker, "ticker must not be null");
		this.retryRatio = retryRatio;
		this.minRetriesPerSecond = minRetriesPerSecond;
		this.window = window;
		this.ticker = ticker;
		// Whole numbers: in doubles, 0.29 * 100 is 28.999999999999996.
		this.retryRatioPpm = Math.round(retryRatio * PARTS_PER_MILLION);
		long windowMillis = window.toMillis();
		this.floor = floor(minRetriesPerSecond, windowMillis);
		this.bucketMillis = windowMillis / BUCKETS;
		this.epoch = Math.floorDiv(millis(), this.bucketMillis);
	}

	private static LongSupplier millisOf(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		return () -> clock.millis() * 1_000_000L;
	}

	private long millis() {
		return Math.floorDiv(this.ticker.getAsLong(), 1_000_000L);
	}

	private static long floor(int minRetriesPerSecond, long windowMillis) {
		// Saturate rather than wrap to negative: a floor this large means "no limit".
		long limit = Long.MAX_VALUE / 4;
		if (minRetriesPerSecond > 0 && windowMillis > limit / minRetriesPerSecond) {
			return limit / 1000;
		}
		return minRetriesPerSecond * windowMillis / 1000;
	}

	/**
	 * Count one request. Call it once per logical call, not per attempt.
	 */
	public synchronized void deposit() {
		roll();
		this.requests[index(this.epoch)]++;
		this.requestsInWindow++;
	}

	/**
	 * Take one retry if the budget allows it.
	 * @return {@code true} if the retry was taken, {@code false} if the budget is spent,
	 * in which case nothing changes
	 */
	public synchronized boolean tryWithdraw() {
		roll();
		if (availableInWindow() < 1) {
			return false;
		}
		this.retries[index(this.epoch)]++;
		this.retriesInWindow++;
		return true;
	}

	/**
	 * Return how many retries could be taken now.
	 * @return the retries left, never negative
	 */
	public synchronized long available() {
		roll();
		return Math.max(availableInWindow(), 0);
	}

	private long availableInWindow() {
		long requests = this.requestsInWindow;
		// Split the product so that it cannot overflow however many requests there are.
		long paid = (requests / PARTS_PER_MILLION) * this.retryRatioPpm
				+ (requests % PARTS_PER_MILLION) * this.retryRatioPpm / PARTS_PER_MILLION;
		return this.floor + paid - this.retriesInWindow;
	}

	private void roll() {
		long now = Math.floorDiv(millis(), this.bucketMillis);
		// Monotonic time never steps back; a Clock given to the old constructor may
		// (NTP):
		// then time stands still until it catches up, rather than reopening buckets that
		// already hold newer counts.
		long elapsed = Math.min(now - this.epoch, BUCKETS);
		for (long i = 1; i <= elapsed; i++) {
			int index = index(this.epoch + i);
			this.requestsInWindow -= this.requests[index];
			this.retriesInWindow -= this.retries[index];
			this.requests[index] = 0;
			this.retries[index] = 0;
		}
		this.epoch = Math.max(now, this.epoch);
	}

	private static int index(long epoch) {
		return Math.floorMod(epoch, BUCKETS);
	}

	/**
	 * Return the retries allowed per request.
	 * @return the retry ratio, from 0 to 1
	 */
	public double retryRatio() {
		return this.retryRatio;
	}

	/**
	 * Return the retries allowed per second whatever the number of requests.
	 * @return the minimum retries per second
	 */
	public int minRetriesPerSecond() {
		return this.minRetriesPerSecond;
	}

	/**
	 * Return how long requests and retries count.
	 * @return the window
	 */
	public Duration window() {
		return this.window;
	}

}
