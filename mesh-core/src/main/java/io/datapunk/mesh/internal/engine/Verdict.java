package io.datapunk.mesh.internal.engine;

/**
 * What an attempt's outcome means, decided once by the {@link OutcomeClassifier}.
 *
 * @param kind what the call does next
 * @param countsForEjection whether the outcome counts as a failure of the instance toward
 * its ejection (otherwise an answer counts as a success; a failure the caller caused
 * counts as neither)
 * @param countsForBreaker whether the outcome counts as a failure of the service for its
 * circuit breaker, should it end the call; for an answer also a failed observation of the
 * instance's latency
 * @param reason why the call gives up, for {@link Kind#GIVE_UP}; otherwise {@code null}
 */
record Verdict(Kind kind, boolean countsForEjection, boolean countsForBreaker, String reason) {

	/**
	 * What the call does after an attempt.
	 */
	enum Kind {

		/** The answer goes to the caller. */
		SUCCESS,

		/**
		 * Sent again after the request reached a server, if attempts and budget allow.
		 */
		RETRY,

		/** Sent elsewhere at once: the request never reached the instance. */
		REQUEUE,

		/** The call ends with the failure: {@link Verdict#reason()} says why. */
		GIVE_UP,

		/** The call's deadline passed during the attempt. */
		DEADLINE

	}

}
