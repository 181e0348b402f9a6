package io.datapunk.mesh.internal.balancer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The power of two choices: two different instances drawn at random, of which a balancer
 * keeps the one that costs less. The pair comes packed in one {@code long}, so that a
 * balancer on the hot path needs no object for it.
 *
 * @author datapunk mesh team
 */
final class TwoChoices {

	private TwoChoices() {
	}

	/**
	 * Draw two different indexes below {@code size}.
	 * @param size how many candidates, at least 2
	 * @return the pair, to read with {@link #first} and {@link #second}
	 */
	static long pair(int size) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int first = random.nextInt(size);
		// A second index among the other size - 1, so the two always differ.
		int second = random.nextInt(size - 1);
		if (second >= first) {
			second++;
		}
		return ((long) first << 32) | second;
	}

	static int first(long pair) {
		return (int) (pair >>> 32);
	}

	static int second(long pair) {
		return (int) pair;
	}

}
