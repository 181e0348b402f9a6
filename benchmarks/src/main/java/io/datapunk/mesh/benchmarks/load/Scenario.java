package io.datapunk.mesh.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the backends do during a run. The odd backend is always the last of the three.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public enum Scenario {

	/**
	 * Three healthy backends: the cost of the client itself.
	 */
	OVERHEAD("3 healthy backends"),

	/**
	 * One backend answers 50 ms later than the other two.
	 */
	SLOW_ONE("backend-3 answers 50 ms later than the other two") {
		@Override
		void prepare(Backends backends) {
			backends.odd().setDelayMillis(SLOW_DELAY_MILLIS);
		}
	},

	/**
	 * One backend is stopped (port closed, connections dropped) halfway through the
	 * measurement.
	 */
	FAILOVER("backend-3 is stopped (port closed, connections dropped) halfway through the measurement") {
		@Override
		void midRun(Backends backends) {
			backends.odd().stop();
		}
	},

	/**
	 * One backend answers 503 to half its requests, at random.
	 */
	FLAKY("backend-3 answers 503 to half its requests, at random") {
		@Override
		void prepare(Backends backends) {
			backends.odd().setErrorRate(0.5);
		}
	};

	static final long SLOW_DELAY_MILLIS = 50;

	private final String description;

	Scenario(String description) {
		this.description = description;
	}

	/**
	 * Return the name used on the command line, such as {@code slow-one}.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return what the backends do.
	 * @return a one-line description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Set the backends up, once they are healthy, before a run's warm-up.
	 * @param backends the backends
	 */
	void prepare(Backends backends) {
	}

	/**
	 * Change the backends halfway through a run's measurement.
	 * @param backends the backends
	 */
	void midRun(Backends backends) {
	}

	/**
	 * Return the scenario of a command-line name.
	 * @param id the name, such as {@code slow-one}
	 * @return the scenario
	 * @throws IllegalArgumentException if no scenario has that name
	 */
	public static Scenario of(String id) {
		return Arrays.stream(values())
			.filter((scenario) -> scenario.id().equals(id.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + id + "'; known: "
					+ String.join(", ", Arrays.stream(values()).map(Scenario::id).toList())));
	}

}
