package io.datapunk.mesh.internal.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.springframework.core.Ordered;

/**
 * Gives the timers of mesh calls ({@code mesh.client.requests}) and attempts
 * ({@code mesh.client.attempts}) histogram buckets a fleet can aggregate (Prometheus'
 * {@code histogram_quantile} over every instance), and gives them and their
 * {@code .active} long-task timers help text. Observations make these meters, and an
 * observation has no description, so both are set here.
 * <p>
 * The buckets are a small fixed set suited to service calls, {@link #BUCKETS} (11 upper
 * bounds, so 12 series per tag combination with {@code +Inf}), rather than Micrometer's
 * percentile histogram (about 70). This filter runs before Boot's
 * {@code PropertiesMeterFilter}, whose values win: any
 * {@code management.metrics.distribution.slo.mesh.client.requests} (or
 * {@code percentiles-histogram}, {@code percentiles}, ...) a user sets replaces or adds
 * to what is set here.
 *
 * @author datapunk mesh team
 */
public final class MeshMeterFilter implements MeterFilter, Ordered {

	/** The timer of calls. */
	static final String REQUESTS = "mesh.client.requests";

	/** The timer of attempts. */
	static final String ATTEMPTS = "mesh.client.attempts";

	/** The upper bounds of the buckets, from a local call to a whole deadline. */
	static final List<Duration> BUCKETS = List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10));

	private static final double[] BUCKET_NANOS = BUCKETS.stream().mapToDouble(Duration::toNanos).toArray();

	private static final Map<String, String> DESCRIPTIONS = Map.of(REQUESTS,
			"Calls through the mesh (retries and requeues included) by service, method, status and outcome",
			REQUESTS + ".active", "Calls through the mesh in progress", ATTEMPTS,
			"Attempts of calls through the mesh, each one request to one instance, by service, method, status and outcome",
			ATTEMPTS + ".active", "Attempts of calls through the mesh in progress");

	/**
	 * Before Boot's {@code PropertiesMeterFilter} (order 0), so that the user's
	 * {@code management.metrics.distribution.*} keys are merged over these defaults.
	 */
	@Override
	public int getOrder() {
		return -100;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getDescription() == null) {
			String description = DESCRIPTIONS.get(id.getName());
			if (description != null) {
				// Meter.Id has no withDescription; these meters have no synthetic
				// association.
				return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
						id.getType());
			}
		}
		return id;
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() != Meter.Type.TIMER || !(REQUESTS.equals(id.getName()) || ATTEMPTS.equals(id.getName()))) {
			return config;
		}
		// What the timer or an earlier filter set wins over these defaults.
		return config.merge(DistributionStatisticConfig.builder()
			.serviceLevelObjectives(Arrays.copyOf(BUCKET_NANOS, BUCKET_NANOS.length))
			.build());
	}

}
