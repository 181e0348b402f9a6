package io.datapunk.mesh.internal.discovery;

import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.test.FakeTicker;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last known list of a service: its age follows the ticker, it turns stale at the
 * first failure and stays stale since then, and a new list makes it current again.
 */
class LastKnownListTests {

	private final FakeTicker ticker = new FakeTicker();

	private final List<ServiceInstance> first = List
		.of(new DefaultServiceInstance("a", "inventory", "10.0.0.1", 8080, false));

	private final List<ServiceInstance> second = List
		.of(new DefaultServiceInstance("b", "inventory", "10.0.0.2", 8080, false));

	@Test
	void noneShouldBeAnEmptyListThatIsNeitherLearntNorStale() {
		LastKnownList none = LastKnownList.none();
		assertThat(none.instances()).isEmpty();
		assertThat(none.isLearnt()).isFalse();
		assertThat(none.isStale()).isFalse();
		assertThat(none.age(this.ticker.getAsLong())).isZero();
	}

	@Test
	void ageShouldGrowWithTheTicker() {
		LastKnownList known = LastKnownList.learnt(this.first, this.ticker.getAsLong());
		assertThat(known.age(this.ticker.getAsLong())).isZero();
		this.ticker.advance(Duration.ofSeconds(3));
		assertThat(known.age(this.ticker.getAsLong())).isEqualTo(Duration.ofSeconds(3).toNanos());
		this.ticker.advance(Duration.ofMillis(250));
		assertThat(known.age(this.ticker.getAsLong())).isEqualTo(Duration.ofMillis(3250).toNanos());
		assertThat(known.instances()).isSameAs(this.first);
		assertThat(known.isStale()).isFalse();
	}

	@Test
	void staleSinceShouldStayAtTheFirstFailure() {
		long learntAt = this.ticker.getAsLong();
		LastKnownList known = LastKnownList.learnt(this.first, learntAt);
		this.ticker.advance(Duration.ofSeconds(5));
		long firstFailure = this.ticker.getAsLong();
		LastKnownList stale = known.failed(firstFailure);
		assertThat(stale.isStale()).isTrue();
		assertThat(stale.staleSince()).isEqualTo(firstFailure);
		this.ticker.advance(Duration.ofSeconds(5));
		LastKnownList staleAgain = stale.failed(this.ticker.getAsLong());
		assertThat(staleAgain.staleSince()).isEqualTo(firstFailure);
		assertThat(staleAgain.instances()).isSameAs(this.first);
		assertThat(staleAgain.learntAt()).isEqualTo(learntAt);
		assertThat(staleAgain.age(this.ticker.getAsLong())).isEqualTo(Duration.ofSeconds(10).toNanos());
		// The holder is immutable: the one that failed is unchanged.
		assertThat(known.isStale()).isFalse();
	}

	@Test
	void failureBeforeAnyListShouldBeStaleWithNothingLearnt() {
		LastKnownList stale = LastKnownList.none().failed(this.ticker.getAsLong());
		assertThat(stale.isStale()).isTrue();
		assertThat(stale.isLearnt()).isFalse();
		assertThat(stale.instances()).isEmpty();
	}

	@Test
	void newListShouldClearStaleness() {
		LastKnownList stale = LastKnownList.learnt(this.first, this.ticker.getAsLong()).failed(this.ticker.getAsLong());
		assertThat(stale.isStale()).isTrue();
		this.ticker.advance(Duration.ofSeconds(7));
		LastKnownList current = LastKnownList.learnt(this.second, this.ticker.getAsLong());
		assertThat(current.isStale()).isFalse();
		assertThat(current.instances()).isSameAs(this.second);
		assertThat(current.age(this.ticker.getAsLong())).isZero();
	}

}
