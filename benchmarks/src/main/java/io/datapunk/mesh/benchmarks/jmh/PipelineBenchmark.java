package io.datapunk.mesh.benchmarks.jmh;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.datapunk.mesh.autoconfigure.client.AttemptClientSettings;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.benchmarks.load.Item;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.autoconfigure.client.ServiceTlsBundles;
import io.datapunk.mesh.autoconfigure.client.ServiceTransports;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * CPU cost of one call through the whole mesh pipeline (HTTP interface proxy, lookup,
 * breaker, balancer, retry bookkeeping, attempt) against a stub transport that answers at
 * once without network, next to plain {@link RestClient} calls on the same stub.
 * <p>
 * The mesh carries attempts of a transport other than the JDK client on a worker thread
 * and waits for it there (it can only cut the JDK client's attempts short without one),
 * and the stub is such a transport: {@link #rawHttpInterfaceOnWorkerThread()} pays the
 * same hand-off without the mesh, so that the mesh's own share is
 * {@code meshClient - rawHttpInterfaceOnWorkerThread}; and
 * {@link #meshClientOnCallerThread()} runs the mesh's attempt on the caller's thread, so
 * that it compares with {@link #rawHttpInterface()} directly (the caller-thread
 * floor).
 * <p>
 * Sampled per call: on a shared machine, the median of single calls (p0.50) hardly moves
 * when other processes take the CPU for a while, the mean does.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmark {

	private static final String ID = "42";

	private final StubClientHttpRequestFactory stub = new StubClientHttpRequestFactory();

	private ExecutorService workers;

	private MeshClientHttpRequestFactory meshRequestFactory;

	private RestClient raw;

	private InventoryClient rawInterface;

	private InventoryClient rawInterfaceOnWorkerThread;

	private InventoryClient mesh;

	private MeshClientHttpRequestFactory meshOnCallerThreadRequestFactory;

	private InventoryClient meshOnCallerThread;

	/**
	 * Build the clients: the mesh from its public parts, with default settings and the
	 * round-robin balancer, as the auto-configuration builds it.
	 */
	@Setup
	public void setUp() {
		this.workers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "benchmark-worker");
			thread.setDaemon(true);
			return thread;
		});
		this.raw = RestClient.builder().requestFactory(this.stub).build();
		this.rawInterface = proxy(RestClient.builder().requestFactory(this.stub).baseUrl("http://127.0.0.1:8081"));
		this.rawInterfaceOnWorkerThread = proxy(RestClient.builder()
			.requestFactory(this.stub)
			.baseUrl("http://127.0.0.1:8081")
			.requestInterceptor(onWorkerThread(this.workers)));
		MeshSettings settings = DiscoveryBenchmark.settings();
		InstanceLoads loads = new InstanceLoads();
		this.meshRequestFactory = new MeshClientHttpRequestFactory(settings,
				new CompositeMeshDiscovery(List.of(new StaticDiscoveryClient(settings))),
				new ConfiguredLoadBalancer(settings, loads),
				new ServiceTransports(settings, ClientHttpRequestFactoryBuilder.of(() -> this.stub),
						AttemptClientSettings.defaults(), new ServiceTlsBundles(settings, null)),
				new ResilienceRegistry(settings, CircuitBreakerRegistry.ofDefaults(), List.of(), Clock.systemUTC()),
				loads);
		this.mesh = new MeshClientFactory(RestClient::builder, this.meshRequestFactory, List.of())
			.createClient(InventoryClient.class);
		this.meshOnCallerThreadRequestFactory = new MeshClientHttpRequestFactory(settings,
				new CompositeMeshDiscovery(List.of(new StaticDiscoveryClient(settings))),
				new ConfiguredLoadBalancer(settings, loads), new CallerThreadTransports(this.stub),
				new ResilienceRegistry(settings, CircuitBreakerRegistry.ofDefaults(), List.of(), Clock.systemUTC()),
				loads);
		this.meshOnCallerThread = new MeshClientFactory(RestClient::builder, this.meshOnCallerThreadRequestFactory,
				List.of())
			.createClient(InventoryClient.class);
	}

	/**
	 * Stop the mesh's worker threads.
	 */
	@TearDown
	public void tearDown() {
		this.meshRequestFactory.destroy();
		this.meshOnCallerThreadRequestFactory.destroy();
		this.workers.shutdownNow();
	}

	/**
	 * A plain {@code RestClient} call to a fixed address.
	 * @return the item
	 */
	@Benchmark
	public Item rawRestClient() {
		return this.raw.get().uri("http://127.0.0.1:8081/items/{id}", ID).retrieve().body(Item.class);
	}

	/**
	 * A plain HTTP interface call to a fixed address.
	 * @return the item
	 */
	@Benchmark
	public Item rawHttpInterface() {
		return this.rawInterface.item(ID);
	}

	/**
	 * A plain HTTP interface call whose exchange runs on a worker thread while the caller
	 * waits with a timeout, as the mesh runs an attempt on a non-JDK transport.
	 * @return the item
	 */
	@Benchmark
	public Item rawHttpInterfaceOnWorkerThread() {
		return this.rawInterfaceOnWorkerThread.item(ID);
	}

	/**
	 * A {@code @MeshClient} call: the whole pipeline.
	 * @return the item
	 */
	@Benchmark
	public Item meshClient() {
		return this.mesh.item(ID);
	}

	/**
	 * A {@code @MeshClient} call whose attempt runs on the caller's thread: the whole
	 * pipeline without the hand-off, to compare with {@link #rawHttpInterface()}.
	 * @return the item
	 */
	@Benchmark
	public Item meshClientOnCallerThread() {
		return this.meshOnCallerThread.item(ID);
	}

	private static InventoryClient proxy(RestClient.Builder builder) {
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(builder.build()))
			.build()
			.createClient(InventoryClient.class);
	}

	private static ClientHttpRequestInterceptor onWorkerThread(ExecutorService workers) {
		return (request, body, execution) -> {
			CompletableFuture<ClientHttpResponse> response = new CompletableFuture<>();
			workers.execute(() -> {
				try {
					response.complete(execution.execute(request, body));
				}
				catch (Throwable ex) {
					response.completeExceptionally(ex);
				}
			});
			try {
				return response.get(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IOException(ex);
			}
		};
	}

}
