package io.datapunk.mesh.autoconfigure.config;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.internal.config.CircuitBreakerSettings;
import io.datapunk.mesh.internal.config.Inherited;
import io.datapunk.mesh.internal.config.OutlierDetectionSettings;
import io.datapunk.mesh.internal.config.RetryBudgetSettings;
import io.datapunk.mesh.internal.config.RetrySettings;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.TlsSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

/**
 * Resolves the effective {@link ServiceSettings} of one service from its
 * {@code mesh.services.<name>} entry over {@code mesh.defaults} over the built-in
 * defaults, and checks the rules between values ({@link SettingsRules}).
 *
 * @author datapunk mesh team
 */
final class ServiceSettingsResolver {

	private ServiceSettingsResolver() {
	}

	static ServiceSettings resolve(String name, MeshProperties.Service service, MeshProperties.Defaults defaults) {
		ServiceSettings settings = new ServiceSettings(name, service.getInstances(),
				Inherited.pick(service.getConnectTimeout(), defaults.getConnectTimeout(), null),
				Inherited.pick(service.getReadTimeout(), defaults.getReadTimeout(), null),
				Inherited.pick(service.getTimeout(), defaults.getTimeout(), null),
				Inherited.pick(service.getAttemptTimeout(), defaults.getAttemptTimeout(), null),
				Inherited.pick(service.getLoadBalancer(), defaults.getLoadBalancer(), LoadBalancing.P2C_EWMA),
				circuitBreaker(service.getCircuitBreaker(), defaults.getCircuitBreaker()),
				retry(service.getRetry(), defaults.getRetry()),
				retryBudget(service.getRetryBudget(), defaults.getRetryBudget()),
				outlierDetection(service.getOutlierDetection(), defaults.getOutlierDetection()),
				tls(service.getTls(), defaults.getTls()));
		SettingsRules.check(name, service, defaults, settings);
		return settings;
	}

	static CircuitBreakerSettings circuitBreaker(CircuitBreakerProperties service, CircuitBreakerProperties defaults) {
		return new CircuitBreakerSettings(
				Inherited.pick(service.getEnabled(), defaults.getEnabled(), CircuitBreakerSettings.DEFAULTS.enabled()),
				Inherited.pick(service.getFailureRateThreshold(), defaults.getFailureRateThreshold(),
						CircuitBreakerSettings.DEFAULTS.failureRateThreshold()),
				Inherited.pick(service.getWaitDurationInOpenState(), defaults.getWaitDurationInOpenState(),
						CircuitBreakerSettings.DEFAULTS.waitDurationInOpenState()),
				slidingWindowType(
						Inherited.pick(service.getSlidingWindowType(), defaults.getSlidingWindowType(), null)),
				Inherited.pick(service.getSlidingWindowSize(), defaults.getSlidingWindowSize(),
						CircuitBreakerSettings.DEFAULTS.slidingWindowSize()),
				Inherited.pick(service.getMinimumNumberOfCalls(), defaults.getMinimumNumberOfCalls(),
						CircuitBreakerSettings.DEFAULTS.minimumNumberOfCalls()),
				Inherited.pick(service.getSlowCallDurationThreshold(), defaults.getSlowCallDurationThreshold(),
						CircuitBreakerSettings.DEFAULTS.slowCallDurationThreshold()),
				Inherited.pick(service.getSlowCallRateThreshold(), defaults.getSlowCallRateThreshold(),
						CircuitBreakerSettings.DEFAULTS.slowCallRateThreshold()),
				Inherited.pick(service.getPermittedNumberOfCallsInHalfOpenState(),
						defaults.getPermittedNumberOfCallsInHalfOpenState(),
						CircuitBreakerSettings.DEFAULTS.permittedNumberOfCallsInHalfOpenState()));
	}

	static RetrySettings retry(RetryProperties service, RetryProperties defaults) {
		List<HttpMethod> methods = Inherited.pick(service.getMethods(), defaults.getMethods(), null);
		List<Integer> statuses = Inherited.pick(service.getStatuses(), defaults.getStatuses(), null);
		return new RetrySettings(
				Inherited.pick(service.getMaxAttempts(), defaults.getMaxAttempts(),
						RetrySettings.DEFAULTS.maxAttempts()),
				Inherited.pick(service.getBaseBackoff(), defaults.getBaseBackoff(),
						RetrySettings.DEFAULTS.baseBackoff()),
				Inherited.pick(service.getMaxBackoff(), defaults.getMaxBackoff(), RetrySettings.DEFAULTS.maxBackoff()),
				(statuses != null) ? Set.copyOf(statuses) : RetrySettings.DEFAULTS.statuses(),
				Inherited.pick(service.getExceptions(), defaults.getExceptions(), RetrySettings.DEFAULTS.exceptions()),
				(methods != null) ? Set.copyOf(methods) : RetrySettings.DEFAULTS.methods());
	}

	static RetryBudgetSettings retryBudget(RetryBudgetProperties service, RetryBudgetProperties defaults) {
		return new RetryBudgetSettings(
				Inherited.pick(service.getRetryRatio(), defaults.getRetryRatio(),
						RetryBudgetSettings.DEFAULTS.retryRatio()),
				Inherited.pick(service.getMinRetriesPerSecond(), defaults.getMinRetriesPerSecond(),
						RetryBudgetSettings.DEFAULTS.minRetriesPerSecond()),
				Inherited.pick(service.getWindow(), defaults.getWindow(), RetryBudgetSettings.DEFAULTS.window()));
	}

	static OutlierDetectionSettings outlierDetection(OutlierDetectionProperties service,
			OutlierDetectionProperties defaults) {
		return new OutlierDetectionSettings(
				Inherited.pick(service.getEnabled(), defaults.getEnabled(),
						OutlierDetectionSettings.DEFAULTS.enabled()),
				Inherited.pick(service.getConsecutiveFailures(), defaults.getConsecutiveFailures(),
						OutlierDetectionSettings.DEFAULTS.consecutiveFailures()),
				Inherited.pick(service.getBaseEjectionTime(), defaults.getBaseEjectionTime(),
						OutlierDetectionSettings.DEFAULTS.baseEjectionTime()),
				Inherited.pick(service.getMaxEjectionTime(), defaults.getMaxEjectionTime(),
						OutlierDetectionSettings.DEFAULTS.maxEjectionTime()),
				Inherited.pick(service.getMaxEjectionRatio(), defaults.getMaxEjectionRatio(),
						OutlierDetectionSettings.DEFAULTS.maxEjectionRatio()),
				Inherited.pick(service.getPanicThreshold(), defaults.getPanicThreshold(),
						OutlierDetectionSettings.DEFAULTS.panicThreshold()),
				Inherited.pick(service.getCountAllServerErrors(), defaults.getCountAllServerErrors(),
						OutlierDetectionSettings.DEFAULTS.countAllServerErrors()));
	}

	static TlsSettings tls(TlsProperties service, TlsProperties defaults) {
		String bundle = Inherited.pick(service.getBundle(), defaults.getBundle(), TlsSettings.DEFAULTS.bundle());
		return new TlsSettings(
				Inherited.pick(service.getEnabled(), defaults.getEnabled(), TlsSettings.DEFAULTS.enabled()),
				// Set empty, it says "none", overriding a bundle of mesh.defaults.
				(bundle != null && bundle.isEmpty()) ? null : bundle, Inherited.pick(service.getVerifyHostname(),
						defaults.getVerifyHostname(), TlsSettings.DEFAULTS.verifyHostname()));
	}

	private static SlidingWindowType slidingWindowType(CircuitBreakerProperties.SlidingWindowType configured) {
		if (configured == null) {
			return CircuitBreakerSettings.DEFAULTS.slidingWindowType();
		}
		return (configured == CircuitBreakerProperties.SlidingWindowType.TIME_BASED) ? SlidingWindowType.TIME_BASED
				: SlidingWindowType.COUNT_BASED;
	}

}
