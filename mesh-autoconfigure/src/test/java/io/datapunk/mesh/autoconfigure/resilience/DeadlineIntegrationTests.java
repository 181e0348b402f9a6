package io.datapunk.mesh.autoconfigure.resilience;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.MovedInBoot4;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.InboundDeadline;
import io.datapunk.mesh.internal.resilience.InboundDeadlineFilter;

/**
 * Call deadlines against three real HTTP servers on 127.0.0.1: a call ends when its
 * deadline passes, whatever its attempts, sends the time left in the
 * {@value Deadline#HEADER} header, and honours the deadline its incoming request carried.
 */
class DeadlineIntegrationTests {

	/** Far longer than any deadline here: an attempt on a slow server never answers. */
	private static final Duration SLOW = Duration.ofSeconds(5);

	/**
	 * Generous for a noisy shared machine, yet far below the 5 s of one slow attempt.
	 */
	private static final long UPPER_BOUND_MS = 1500;

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ScanAppConfiguration.class);

	private ApplicationContextRunner withThreeInstances(String... properties) {
		return this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri() + "," + servers.get(1).uri()
					+ "," + servers.get(2).uri())
			.withPropertyValues(properties);
	}

	@Test
	void deadlineShorterThanSlowInstancesShouldEndTheCallAtTheDeadline() {
		withThreeInstances("mesh.services.inventory.timeout=200ms").run((context) -> {
			InventoryClient inventory = warmUpThenSlowDown(context);
			long start = System.nanoTime();
			assertThatExceptionOfType(DeadlineExceededException.class).isThrownBy(() -> inventory.item("1"))
				.satisfies((ex) -> {
					assertThat(elapsedMillis(start)).isBetween(190L, UPPER_BOUND_MS);
					assertThat(ex.getServiceId()).isEqualTo("inventory");
					assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200));
					// The deadline passed during the first attempt: no second one.
					assertThat(ex.getAttempts()).hasSize(1);
					// An I/O timeout, by whatever name the client gives it (the JDK's
					// HttpTimeoutException, a SocketTimeoutException elsewhere).
					assertThat(ex.getCause()).isInstanceOf(IOException.class);
					assertThat(ex.getCause().getClass().getSimpleName()).endsWith("TimeoutException");
					assertThat(ex.getAttempts().get(0).outcome()).startsWith(ex.getCause().getClass().getSimpleName());
				})
				.withMessageContaining("'inventory'")
				.withMessageContaining("after 1 attempt: the deadline of 200 ms passed")
				.withMessageContaining("#1 http://127.0.0.1:");
			assertThat(timeoutHeadersSent()).singleElement()
				.satisfies((value) -> assertThat(value).isBetween(1L, 200L));
		});
	}

	@Test
	void callShouldSendTheTimeLeftOfItsDeadline() {
		withThreeInstances("mesh.services.inventory.timeout=200ms").run((context) -> {
			context.getBean(InventoryClient.class).item("1");
			assertThat(timeoutHeadersSent()).singleElement()
				.satisfies((value) -> assertThat(value).isBetween(1L, 200L));
		});
	}

	@Test
	void callWithDefaultTimeoutShouldSendAlmostTenSeconds() {
		withThreeInstances().run((context) -> {
			context.getBean(InventoryClient.class).item("1");
			assertThat(timeoutHeadersSent()).singleElement()
				.satisfies((value) -> assertThat(value).isBetween(9000L, 10000L));
		});
	}

	@Test
	void callWithDeadlinePropagationDisabledShouldSendNoHeader() {
		withThreeInstances("mesh.deadline-propagation.enabled=false").run((context) -> {
			context.getBean(InventoryClient.class).item("1");
			assertThat(receivedRequests()).singleElement()
				.satisfies((received) -> assertThat(received.header(Deadline.HEADER)).isNull());
		});
	}

	@Test
	void inboundDeadlineShouldEndTheCallWhenTheCallerStopsWaiting() {
		withThreeInstances().run((context) -> {
			warmUpThenSlowDown(context);
			DeadlineExceededException failure = null;
			long elapsed = 0;
			// A stalled machine can spend the whole 300 ms before sending: try again
			// then.
			for (int run = 0; run < 3 && (failure == null || failure.getAttempts().isEmpty()); run++) {
				servers.all().forEach(TestHttpServer::reset);
				long start = System.nanoTime();
				failure = catchThrowableOfType(DeadlineExceededException.class,
						() -> serveWithInboundTimeout("300", context));
				elapsed = elapsedMillis(start);
			}
			assertThat(failure).isNotNull();
			assertThat(elapsed).isBetween(290L, UPPER_BOUND_MS);
			assertThat(failure.getTimeout()).isEqualTo(Duration.ofMillis(300));
			assertThat(failure).hasMessageContaining("the deadline of 300 ms passed");
			assertThat(InboundDeadline.current()).isNull();
			assertThat(timeoutHeadersSent()).singleElement()
				.satisfies((value) -> assertThat(value).isBetween(1L, 300L));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-5", "12345678901" })
	void malformedInboundDeadlineShouldBeIgnored(String header) {
		withThreeInstances().run((context) -> {
			List<Deadline> seenByHandler = new ArrayList<>();
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			request.addHeader(Deadline.HEADER, header);
			FilterChain chain = (req, res) -> {
				seenByHandler.add(InboundDeadline.current());
				context.getBean(InventoryClient.class).item("1");
			};
			new InboundDeadlineFilter().doFilter(request, new MockHttpServletResponse(), chain);
			assertThat(seenByHandler).containsExactly((Deadline) null);
			// The call's own 10 s timeout went out, not the malformed value.
			assertThat(timeoutHeadersSent()).singleElement()
				.satisfies((value) -> assertThat(value).isBetween(9000L, 10000L));
		});
	}

	@Test
	void inboundDeadlineShouldNeverLengthenACall() {
		withThreeInstances("mesh.services.inventory.timeout=200ms").run((context) -> {
			warmUpThenSlowDown(context);
			long start = System.nanoTime();
			assertThatExceptionOfType(DeadlineExceededException.class)
				.isThrownBy(() -> serveWithInboundTimeout("5000", context))
				.satisfies((ex) -> {
					assertThat(elapsedMillis(start)).isBetween(190L, UPPER_BOUND_MS);
					assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200));
				});
			assertThat(InboundDeadline.current()).isNull();
			assertThat(timeoutHeadersSent()).singleElement()
				.satisfies((value) -> assertThat(value).isBetween(1L, 200L));
		});
	}

	@Test
	void deadlineShouldEndTheCallOnTransportsOtherThanTheJdkClient() {
		withThreeInstances(MovedInBoot4.httpClientFactory("simple"), "mesh.services.inventory.timeout=200ms")
			.run((context) -> {
				assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
					.isInstanceOf(SimpleClientHttpRequestFactoryBuilder.class);
				InventoryClient inventory = warmUpThenSlowDown(context);
				long start = System.nanoTime();
				assertThatExceptionOfType(DeadlineExceededException.class).isThrownBy(() -> inventory.item("1"))
					.satisfies((ex) -> {
						assertThat(elapsedMillis(start)).isBetween(190L, UPPER_BOUND_MS);
						assertThat(ex.getAttempts()).hasSize(1);
						// The caller stopped waiting; the client's thread still blocks.
						assertThat(ex.getCause()).isInstanceOf(SocketTimeoutException.class)
							.hasMessageStartingWith("No response within ");
					})
					.withMessageContaining("after 1 attempt: the deadline of 200 ms passed");
			});
	}

	@Test
	void attemptTimeoutShouldCutASlowAttemptAndRetryElsewhere() {
		TestHttpServer slow = servers.get(0);
		// Round robin: p2c-ewma would avoid the instance that served the cold first call,
		// and the slow one might never be tried.
		withThreeInstances("mesh.services.inventory.attempt-timeout=250ms", "mesh.services.inventory.timeout=3s",
				"mesh.services.inventory.retry.base-backoff=1ms", "mesh.services.inventory.load-balancer=round-robin")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				warmUp(inventory);
				slow.reset();
				slow.delay(SLOW);
				long slowest = 0;
				for (int i = 0; i < 30; i++) {
					long start = System.nanoTime();
					assertThat(inventory.item(String.valueOf(i))).containsEntry("path", "/items/" + i)
						.doesNotContainEntry("server", slow.name());
					slowest = Math.max(slowest, elapsedMillis(start));
				}
				assertThat(slowest).as("slowest call (ms)").isBetween(250L, 1999L);
				// Each slow attempt failed, and outlier ejection stops them after five.
				assertThat(slow.hits()).isBetween(1, 5);
			});
	}

	/**
	 * Make one call while the servers answer at once, so that building the client is not
	 * timed, then make every server slow and forget that call.
	 */
	/**
	 * Make a few calls while the servers are fast, so that starting the HTTP client is
	 * not timed; on a loaded machine even these may miss a short deadline.
	 */
	private static void warmUp(InventoryClient inventory) {
		for (int i = 0; i < 5; i++) {
			try {
				inventory.item("warm-up");
			}
			catch (MeshException ex) {
				// Timed out while the client started: the next call is warm.
			}
		}
	}

	private static InventoryClient warmUpThenSlowDown(AssertableApplicationContext context) {
		InventoryClient inventory = context.getBean(InventoryClient.class);
		warmUp(inventory);
		servers.all().forEach((server) -> {
			server.reset();
			server.delay(SLOW);
		});
		return inventory;
	}

	private static void serveWithInboundTimeout(String header, AssertableApplicationContext context) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.addHeader(Deadline.HEADER, header);
		FilterChain chain = (req, res) -> {
			assertThat(InboundDeadline.current()).isNotNull();
			context.getBean(InventoryClient.class).item("1");
		};
		new InboundDeadlineFilter().doFilter(request, new MockHttpServletResponse(), chain);
	}

	private static long elapsedMillis(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
	}

	/**
	 * Return the {@value Deadline#HEADER} values the servers received. A slow server
	 * records a request as it arrives, which may be just after the caller gave up.
	 */
	private static List<Long> timeoutHeadersSent() throws InterruptedException {
		return receivedRequests().stream().map((received) -> received.header(Deadline.HEADER)).map((value) -> {
			assertThat(value).as(Deadline.HEADER + " header").isNotNull().containsOnlyDigits();
			return Long.parseLong(value);
		}).toList();
	}

	private static List<TestHttpServer.Received> receivedRequests() throws InterruptedException {
		long giveUp = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (servers.all().stream().allMatch((server) -> server.received().isEmpty()) && System.nanoTime() < giveUp) {
			Thread.sleep(10);
		}
		return servers.all().stream().flatMap((server) -> server.received().stream()).toList();
	}

}
