package io.datapunk.mesh.internal.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link TierStatistics}: adders, so that counting a hit on the call
 * path neither locks nor contends. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class CacheCounters {

	final LongAdder nearHits = new LongAdder();

	final LongAdder nearMisses = new LongAdder();

	final LongAdder nearStale = new LongAdder();

	final LongAdder redisHits = new LongAdder();

	final LongAdder redisMisses = new LongAdder();

	final LongAdder redisStale = new LongAdder();

	final LongAdder redisErrors = new LongAdder();

	final LongAdder sourceLoads = new LongAdder();

	final LongAdder sourceFailures = new LongAdder();

	final LongAdder sourceStale = new LongAdder();

	TierStatistics near() {
		return new TierStatistics(this.nearHits.sum(), this.nearMisses.sum(), this.nearStale.sum(), 0);
	}

	TierStatistics redis() {
		return new TierStatistics(this.redisHits.sum(), this.redisMisses.sum(), this.redisStale.sum(),
				this.redisErrors.sum());
	}

	TierStatistics source() {
		return new TierStatistics(this.sourceLoads.sum(), 0, this.sourceStale.sum(), this.sourceFailures.sum());
	}

}
