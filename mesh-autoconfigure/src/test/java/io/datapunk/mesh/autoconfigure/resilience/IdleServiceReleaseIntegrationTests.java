package io.datapunk.mesh.autoconfigure.resilience;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.autoconfigure.health.MeshServicesAutoConfiguration;
import io.datapunk.mesh.autoconfigure.observability.MeshMetricsAutoConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;

/**
 * The state kept per called service (breaker, meters, budgets, cached list) exists only
 * for services that have instances, and is released once nobody called them for
 * {@code mesh.idle-service-timeout}: memory and threads stay flat however many names are
 * called. The idle time passes on a fake ticker, so a slow call on a busy machine is
 * never mistaken for an idle service.
 */
class IdleServiceReleaseIntegrationTests {

	private static final int UNKNOWN_NAMES = 10_000;

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("catalog", "inventory");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.clientObservations())
		.withConfiguration(
				AutoConfigurations.of(MeshServicesAutoConfiguration.class, MeshMetricsAutoConfiguration.class))
		.withUserConfiguration(DiscoveredCatalog.class)
		.withPropertyValues("mesh.services.inventory.instances=" + servers.get(1).uri());

	/** The idle services' clock: stands still unless a test moves it. */
	private static final AtomicLong ticker = new AtomicLong();

	private static void idleTimeoutPasses() {
		ticker.addAndGet(IDLE_TIMEOUT.toNanos() + 1);
	}

	@Test
	void servicesCalledAndLeftIdleShouldLoseTheirBreakersAndMeters() {
		this.contextRunner.run((context) -> {
			RestClient client = context.getBean(MeshClientFactory.class).restClientBuilder().build();
			CircuitBreakerRegistry breakers = context.getBean(CircuitBreakerRegistry.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(client.get().uri("http://catalog/items/1").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
			assertThat(
					client.get().uri("http://inventory/items/1").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
			// Positive control: the called service has its breaker and meters.
			assertThat(breakers.find("catalog")).isPresent();
			assertThat(meters.find("mesh.client.requests").tag("service", "catalog").timer()).isNotNull();
			assertThat(meters.find("mesh.client.retry.budget.available").tag("service", "catalog").gauge()).isNotNull();
			assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "catalog").gauges()).isNotEmpty();
			assertThat(context.getBean(ResilienceRegistry.class).find("catalog")).isNotNull();

			idleTimeoutPasses();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				assertThat(breakers.find("catalog")).isEmpty();
				assertThat(context.getBean(ResilienceRegistry.class).find("catalog")).isNull();
				assertThat(meters.find("mesh.client.requests").tag("service", "catalog").meters()).isEmpty();
				assertThat(meters.find("mesh.client.retry.budget.available").tag("service", "catalog").meters())
					.isEmpty();
				assertThat(meters.find("mesh.instances").tag("service", "catalog").meters()).isEmpty();
				assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "catalog").meters()).isEmpty();
			});
			// A service configured under mesh.services keeps its state.
			assertThat(breakers.find("inventory")).isPresent();
			assertThat(meters.find("mesh.client.retry.budget.available").tag("service", "inventory").gauge())
				.isNotNull();
			// A released service works again, as at its first call.
			assertThat(client.get().uri("http://catalog/items/2").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
			assertThat(breakers.find("catalog")).isPresent();
			assertThat(meters.find("mesh.client.retry.budget.available").tag("service", "catalog").gauge().value())
				.isPositive();
		});
	}

	@Test
	void tenThousandUnknownNamesShouldLeaveHeapAndThreadsFlat() {
		this.contextRunner.run((context) -> {
			RestClient client = context.getBean(MeshClientFactory.class).restClientBuilder().build();
			CircuitBreakerRegistry breakers = context.getBean(CircuitBreakerRegistry.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// Positive control: a known service gets its breaker, and the channel works.
			assertThat(client.get().uri("http://catalog/items/1").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
			assertThat(breakers.find("catalog")).isPresent();
			// Warm up the unknown-name path (classes, pools), then let it be released.
			callUnknownNames(client, "warm", 500);
			idleTimeoutPasses();
			awaitNoServiceTagged(context, "warm-");
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			long heapBefore = usedHeapAfterGc(memory);
			int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

			callUnknownNames(client, "typo", UNKNOWN_NAMES);
			long heapRight = usedHeapAfterGc(memory);
			assertThat(breakers.getAllCircuitBreakers()).noneMatch((breaker) -> breaker.getName().startsWith("typo-"));
			assertThat(meters.find("mesh.client.retry.budget.available").gauges())
				.noneMatch((gauge) -> gauge.getId().getTag("service").startsWith("typo-"));
			assertThat(context.getBean(ResilienceRegistry.class).services())
				.noneMatch((service) -> service.serviceId().startsWith("typo-"));

			idleTimeoutPasses();
			awaitNoServiceTagged(context, "typo-");
			long heapAfter = usedHeapAfterGc(memory);
			int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
			System.out.printf(
					"Heap: before %d KB, right after %d unknown names %d KB (%d bytes a name while "
							+ "held), after the idle time %d KB (%d bytes a name kept); threads %d -> %d%n",
					heapBefore / 1024, UNKNOWN_NAMES, heapRight / 1024, (heapRight - heapBefore) / UNKNOWN_NAMES,
					heapAfter / 1024, (heapAfter - heapBefore) / UNKNOWN_NAMES, threadsBefore, threadsAfter);
			assertThat(heapAfter - heapBefore).as("heap growth after the idle time, bytes")
				.isLessThan(4L * 1024 * 1024);
			assertThat(threadsAfter).as("threads").isLessThanOrEqualTo(threadsBefore + 2);
			// The known service, still called now and then, kept working throughout.
			assertThat(client.get().uri("http://catalog/items/2").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
		});
	}

	private static void callUnknownNames(RestClient client, String prefix, int count) {
		for (int i = 0; i < count; i++) {
			String uri = "http://" + prefix + "-" + i + "/items/1";
			assertThatExceptionOfType(ServiceNotFoundException.class)
				.isThrownBy(() -> client.get().uri(uri).retrieve().toBodilessEntity());
		}
	}

	/**
	 * Wait until nothing of the names with a prefix is held: no meter, no cached list.
	 */
	private static void awaitNoServiceTagged(AssertableApplicationContext context, String prefix) {
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(meters.getMeters()).noneMatch((meter) -> {
				String service = meter.getId().getTag("service");
				return service != null && service.startsWith(prefix);
			});
			assertThat(
					context.getBean(io.datapunk.mesh.internal.cache.CachingMeshDiscovery.class).statistics().services())
				.noneMatch((service) -> service.serviceId().startsWith(prefix));
		});
	}

	private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
		long used = Long.MAX_VALUE;
		// The least of a few collections: one may run while the sweeper allocates.
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	/**
	 * A discovery source that knows the catalog service (not configured under
	 * {@code mesh.services}, so it may be released), and the Resilience4j registry with
	 * its meters, as the Resilience4j starter would make them.
	 */
	@Configuration(proxyBeanMethods = false)
	static class DiscoveredCatalog {

		@Bean
		DiscoveryClient catalogDiscovery() {
			ServiceInstance catalog = new DefaultServiceInstance("catalog-1", "catalog", "127.0.0.1",
					servers.get(0).port(), false);
			Map<String, List<ServiceInstance>> known = Map.of("catalog", List.of(catalog));
			return new DiscoveryClient() {

				@Override
				public String description() {
					return "test discovery";
				}

				@Override
				public List<ServiceInstance> getInstances(String serviceId) {
					return known.getOrDefault(serviceId, List.of());
				}

				@Override
				public List<String> getServices() {
					return List.copyOf(known.keySet());
				}

			};
		}

		@Bean
		IdleServices idleServices(MeshSettings settings) {
			return new IdleServices(IDLE_TIMEOUT, settings.configuredServices(), ticker::get);
		}

		@Bean
		CircuitBreakerRegistry circuitBreakerRegistry() {
			return CircuitBreakerRegistry.ofDefaults();
		}

		@Bean
		TaggedCircuitBreakerMetrics circuitBreakerMetrics(CircuitBreakerRegistry registry) {
			return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry);
		}

	}

}
