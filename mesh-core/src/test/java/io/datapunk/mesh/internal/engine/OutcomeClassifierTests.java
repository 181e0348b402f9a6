package io.datapunk.mesh.internal.engine;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import io.datapunk.mesh.internal.config.RetrySettings;
import io.datapunk.mesh.internal.engine.Verdict.Kind;
import io.datapunk.mesh.internal.resilience.RetryPolicy;
import io.datapunk.mesh.spi.RetryCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each outcome of an attempt means, decided in one place.
 */
class OutcomeClassifierTests {

	private static final RetrySettings RETRY = new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(1),
			Set.of(502, 503, 504), List.of(IOException.class), RetrySettings.DEFAULTS.methods());

	private final OutcomeClassifier classifier = classifier(RETRY, List.of(), false);

	private static OutcomeClassifier classifier(RetrySettings retry, List<RetryCondition> conditions,
			boolean countAllServerErrors) {
		return new OutcomeClassifier(EngineHarness.SERVICE, new RetryPolicy(retry, conditions), countAllServerErrors);
	}

	@ParameterizedTest(name = "{0} {1} -> {2}, ejection {3}, breaker {4}")
	@CsvSource({ "GET, 200, SUCCESS, false, false", "GET, 404, SUCCESS, false, false", "GET, 500, SUCCESS, false, true",
			"GET, 502, RETRY, true, true", "GET, 503, RETRY, true, true", "GET, 504, RETRY, true, true",
			"PUT, 503, RETRY, true, true", "POST, 200, SUCCESS, false, false", "POST, 503, GIVE_UP, true, true",
			"POST, 500, SUCCESS, false, true" })
	void answerShouldBeClassifiedByStatusAndMethod(HttpMethod method, int status, Kind kind, boolean ejection,
			boolean breaker) {
		Verdict verdict = this.classifier.ofAnswer(HttpStatusCode.valueOf(status), new HttpHeaders(),
				EngineHarness.request(method, false));
		assertThat(verdict.kind()).isEqualTo(kind);
		assertThat(verdict.countsForEjection()).isEqualTo(ejection);
		assertThat(verdict.countsForBreaker()).isEqualTo(breaker);
	}

	@Test
	void markedPostAnswered503ShouldBeRetried() {
		Verdict verdict = this.classifier.ofAnswer(HttpStatusCode.valueOf(503), new HttpHeaders(),
				EngineHarness.request(HttpMethod.POST, true));
		assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
	}

	@Test
	void everyServerErrorShouldCountForEjectionWhenConfigured() {
		OutcomeClassifier countingAll = classifier(RETRY, List.of(), true);
		assertThat(this.classifier.countsForEjection(500)).isFalse();
		assertThat(countingAll.countsForEjection(500)).isTrue();
		assertThat(countingAll.countsForEjection(404)).isFalse();
	}

	@Test
	void retryConditionShouldMakeAnAnswerRetryable() {
		OutcomeClassifier withCondition = classifier(RETRY,
				List.of((attempt) -> attempt.status() != null && attempt.status().value() == 429), false);
		HttpStatusCode tooMany = HttpStatusCode.valueOf(429);
		assertThat(this.classifier.ofAnswer(tooMany, new HttpHeaders(), EngineHarness.request(HttpMethod.GET, false))
			.kind()).isEqualTo(Kind.SUCCESS);
		assertThat(
				withCondition.ofAnswer(tooMany, new HttpHeaders(), EngineHarness.request(HttpMethod.GET, false)).kind())
			.isEqualTo(Kind.RETRY);
	}

	@ParameterizedTest(name = "{0} {1}, untried left {2} -> {3}")
	@CsvSource({ "POST, refused, true, REQUEUE", "POST, unknown-host, true, REQUEUE", "GET, refused, false, RETRY",
			"POST, refused, false, GIVE_UP", "POST, tls, true, REQUEUE", "GET, tls, false, GIVE_UP",
			"GET, timeout, true, RETRY", "GET, reset, true, RETRY", "POST, timeout, true, GIVE_UP",
			"POST, reset, true, GIVE_UP" })
	void failureShouldBeClassifiedByWhereItStopped(HttpMethod method, String failure, boolean untriedLeft, Kind kind) {
		Verdict verdict = this.classifier.ofFailure(failure(failure), EngineHarness.request(method, false), false,
				false, untriedLeft);
		assertThat(verdict.kind()).isEqualTo(kind);
		assertThat(verdict.countsForEjection()).isTrue();
		assertThat(verdict.countsForBreaker()).isTrue();
	}

	@Test
	void failureReasonsShouldSayWhyTheCallGivesUp() {
		assertThat(this.classifier
			.ofFailure(failure("tls"), EngineHarness.request(HttpMethod.GET, false), false, false, false)
			.reason()).isEqualTo(OutcomeClassifier.TLS_NOWHERE_ELSE);
		assertThat(this.classifier
			.ofFailure(failure("reset"), EngineHarness.request(HttpMethod.POST, false), false, false, true)
			.reason()).startsWith("POST is not idempotent");
	}

	@Test
	void failureOfAnExceptionTypeNotConfiguredShouldNotBeRetried() {
		OutcomeClassifier timeoutsOnly = classifier(new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(1),
				Set.of(503), List.of(SocketTimeoutException.class), RETRY.methods()), List.of(), false);
		assertThat(timeoutsOnly
			.ofFailure(failure("timeout"), EngineHarness.request(HttpMethod.GET, false), false, false, true)
			.kind()).isEqualTo(Kind.RETRY);
		Verdict verdict = timeoutsOnly.ofFailure(new EOFException("cut short"),
				EngineHarness.request(HttpMethod.GET, false), false, false, true);
		assertThat(verdict.kind()).isEqualTo(Kind.GIVE_UP);
		assertThat(verdict.reason()).isEqualTo(OutcomeClassifier.NOT_RETRYABLE_FAILURE);
	}

	@Test
	void failureTheCallerCausedShouldCountForNothing() {
		Verdict instanceFailed = this.classifier.ofFailure(failure("timeout"),
				EngineHarness.request(HttpMethod.GET, false), false, false, true);
		assertThat(instanceFailed.countsForEjection()).isTrue();
		Verdict callerGaveUp = this.classifier.ofFailure(failure("timeout"),
				EngineHarness.request(HttpMethod.GET, false), true, true, true);
		assertThat(callerGaveUp.kind()).isEqualTo(Kind.DEADLINE);
		assertThat(callerGaveUp.countsForEjection()).isFalse();
		assertThat(callerGaveUp.countsForBreaker()).isFalse();
	}

	private static IOException failure(String kind) {
		return switch (kind) {
			case "refused" -> new ConnectException("Connection refused");
			case "unknown-host" -> new UnknownHostException("inventory-7.internal");
			case "tls" -> new SSLHandshakeException("PKIX path building failed");
			case "timeout" -> new SocketTimeoutException("Read timed out");
			case "reset" -> new IOException("Connection reset");
			default -> throw new IllegalArgumentException(kind);
		};
	}

}
