package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpMethod;
import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.CircuitBreakerSettings;
import io.datapunk.mesh.internal.config.TlsSettings;

/**
 * Rules of the resolved settings that binding cannot check on its own: between two
 * values, or on what a value names. A broken rule names the property that was set closest
 * to the service, as written.
 *
 * @author datapunk mesh team
 */
public final class SettingsRules {

	private static final List<HttpMethod> METHODS = Arrays.asList(HttpMethod.values());

	private SettingsRules() {
	}

	public static void check(String name, MeshProperties.Service service, MeshProperties.Defaults defaults,
			ServiceSettings settings) {
		checkAtLeast("retry.max-backoff", settings.retry().maxBackoff(),
				setIn(name, service.getRetry().getMaxBackoff(), defaults.getRetry().getMaxBackoff()),
				"retry.base-backoff", settings.retry().baseBackoff(),
				setIn(name, service.getRetry().getBaseBackoff(), defaults.getRetry().getBaseBackoff()));
		checkAtLeast("outlier-detection.max-ejection-time", settings.outlierDetection().maxEjectionTime(),
				setIn(name, service.getOutlierDetection().getMaxEjectionTime(),
						defaults.getOutlierDetection().getMaxEjectionTime()),
				"outlier-detection.base-ejection-time", settings.outlierDetection().baseEjectionTime(),
				setIn(name, service.getOutlierDetection().getBaseEjectionTime(),
						defaults.getOutlierDetection().getBaseEjectionTime()));
		checkLimits(name, service, defaults, settings);
		checkHostnameVerification(name, service, defaults, settings);
		checkMethods(setIn(name, service.getRetry().getMethods(), defaults.getRetry().getMethods()),
				settings.retry().methods());
		checkExceptions(setIn(name, service.getRetry().getExceptions(), defaults.getRetry().getExceptions()),
				settings.retry().exceptions());
	}

	/**
	 * Limits of Resilience4j and of the retry budget that the annotations let through: a
	 * rate threshold of 0, an open state under 1 ms, a budget window under 1 s.
	 */
	private static void checkLimits(String name, MeshProperties.Service service, MeshProperties.Defaults defaults,
			ServiceSettings settings) {
		CircuitBreakerProperties serviceBreaker = service.getCircuitBreaker();
		CircuitBreakerProperties defaultsBreaker = defaults.getCircuitBreaker();
		CircuitBreakerSettings breaker = settings.circuitBreaker();
		if (breaker.waitDurationInOpenState().toMillis() < 1) {
			throw new InvalidMeshPropertyException(
					setIn(name, serviceBreaker.getWaitDurationInOpenState(),
							defaultsBreaker.getWaitDurationInOpenState())
							+ "circuit-breaker.wait-duration-in-open-state",
					breaker.waitDurationInOpenState().toString(), "must be at least 1ms", "'30s'");
		}
		if (settings.retryBudget().window().compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidMeshPropertyException(
					setIn(name, service.getRetryBudget().getWindow(), defaults.getRetryBudget().getWindow())
							+ "retry-budget.window",
					format(settings.retryBudget().window()), "must be at least 1s", "'10s'");
		}
	}

	/**
	 * Host names may go unchecked only against a bundle of the authorities to trust: with
	 * the JVM's default trust store, any publicly trusted certificate, issued for any
	 * host, would then pass for the service's instances.
	 */
	private static void checkHostnameVerification(String name, MeshProperties.Service service,
			MeshProperties.Defaults defaults, ServiceSettings settings) {
		TlsSettings tls = settings.tls();
		if (!tls.verifyHostname() && tls.bundle() == null) {
			String setIn = setIn(name, service.getTls().getVerifyHostname(), defaults.getTls().getVerifyHostname());
			throw new InvalidMeshPropertyException(((setIn != null) ? setIn : "mesh.defaults.") + "tls.verify-hostname",
					"false",
					"may be false only with a tls.bundle that names the authorities to trust: with the JVM's "
							+ "default trust store, any publicly trusted certificate for any host would be accepted",
					"'true', or a tls.bundle for this service");
		}
	}

	private static void checkMethods(String setIn, Iterable<HttpMethod> methods) {
		for (HttpMethod method : methods) {
			// HttpMethod.valueOf accepts any token: "get" or "GTE" would never match a
			// request.
			if (!METHODS.contains(method)) {
				throw new InvalidMeshPropertyException(setIn + "retry.methods", method.name(),
						"must be HTTP methods among " + METHODS + ", in upper case", "'GET,PUT,DELETE'");
			}
		}
	}

	private static void checkExceptions(String setIn, List<Class<? extends Throwable>> exceptions) {
		for (Class<?> type : exceptions) {
			// Binding a Class does not check its type: a String would never match a
			// failure.
			if (!Throwable.class.isAssignableFrom(type)) {
				throw new InvalidMeshPropertyException(setIn + "retry.exceptions", type.getName(),
						"must be exception types", "'java.io.IOException'");
			}
		}
	}

	/**
	 * Return the prefix of the properties a value was set under, or {@code null} for a
	 * built-in default.
	 */
	private static String setIn(String serviceId, Object serviceValue, Object defaultsValue) {
		return (serviceValue != null) ? "mesh.services." + serviceId + "."
				: (defaultsValue != null) ? "mesh.defaults." : null;
	}

	/**
	 * Check a rule between two durations that binding cannot check on its own, naming the
	 * one of the two that was set closest to the service: the value the user wrote last.
	 */
	private static void checkAtLeast(String property, Duration value, String valueSetIn, String lowerProperty,
			Duration lower, String lowerSetIn) {
		if (value.compareTo(lower) >= 0) {
			return;
		}
		if (rank(lowerSetIn) > rank(valueSetIn)) {
			Duration example = value.dividedBy(15);
			throw new InvalidMeshPropertyException(lowerSetIn + lowerProperty, format(lower),
					"must not be longer than " + describe(valueSetIn, property, value),
					"'" + format(example.isZero() ? value : example) + "'");
		}
		throw new InvalidMeshPropertyException(valueSetIn + property, format(value),
				"must not be shorter than " + describe(lowerSetIn, lowerProperty, lower),
				"'" + format(lower.multipliedBy(15)) + "'");
	}

	private static int rank(String setIn) {
		return (setIn == null) ? 0 : setIn.startsWith("mesh.defaults.") ? 1 : 2;
	}

	private static String describe(String setIn, String property, Duration value) {
		return (setIn != null) ? setIn + property + " (" + format(value) + ")"
				: property + " (" + format(value) + " by default)";
	}

	/**
	 * Format a duration as it is usually written in properties, such as {@code 15s}.
	 */
	private static String format(Duration duration) {
		if (duration.getNano() % 1_000_000 != 0) {
			return duration.toString();
		}
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
