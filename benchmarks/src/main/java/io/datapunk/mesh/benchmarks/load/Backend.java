package io.datapunk.mesh.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One backend instance: a JDK {@link HttpServer} on 127.0.0.1 that answers {@code GET
 * /items/{id}} with a small JSON item, after an adjustable delay, or with 503 at an
 * adjustable rate. It can be stopped (its port closed, its connections dropped) and
 * started again on the same port. The JVM must run with
 * {@code -Dsun.net.httpserver.nodelay=true}, or every answer comes about 44 ms late.
 * Thread-safe: delay and error rate may change while it serves.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class Backend implements AutoCloseable {

	private static final String PATH = "/items/";

	private final String name;

	private final int threads;

	private final LongAdder requests = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private volatile long delayNanos;

	private volatile double errorRate;

	private int port;

	private HttpServer server;

	private ExecutorService executor;

	/**
	 * Start a backend on a free port.
	 * @param name the name it reports as {@code servedBy}
	 * @param threads the threads serving requests; at least the callers' concurrency
	 * @throws IOException if no port could be bound
	 */
	public Backend(String name, int threads) throws IOException {
		this.name = name;
		this.threads = threads;
		start(0);
	}

	private synchronized void start(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
		server.createContext(PATH, this::handle);
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(this.threads, (task) -> {
			Thread thread = new Thread(task, this.name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		// All at once now, not one per request until the pool is full: at hundreds of
		// calls in flight that took more than a run's warm-up, and measured thread
		// starts.
		executor.prestartAllCoreThreads();
		server.setExecutor(executor);
		server.start();
		this.server = server;
		this.executor = executor;
		this.port = server.getAddress().getPort();
	}

	/**
	 * Return the address callers use, {@code http://127.0.0.1:<port>}.
	 * @return the address
	 */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Return the name the backend reports.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Delay every answer by this much more.
	 * @param millis the extra delay, 0 for none
	 */
	public void setDelayMillis(long millis) {
		this.delayNanos = millis * 1_000_000;
	}

	/**
	 * Answer 503 for this share of requests, chosen at random.
	 * @param errorRate the share, 0 to 1
	 */
	public void setErrorRate(double errorRate) {
		this.errorRate = errorRate;
	}

	/**
	 * Return whether the backend is listening.
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Stop at once: close the port and every connection, as a killed process would.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
			this.executor = null;
		}
	}

	/**
	 * Start again on the same port, after {@link #stop()}.
	 * @throws IOException if the port cannot be bound again
	 */
	public synchronized void restart() throws IOException {
		if (this.server != null) {
			return;
		}
		for (int attempt = 1;; attempt++) {
			try {
				start(this.port);
				return;
			}
			catch (BindException ex) {
				// Closing the listener can take a moment to release the port.
				if (attempt == 50) {
					throw ex;
				}
				sleep(100);
			}
		}
	}

	/**
	 * Return the requests received since the last {@link #resetCounters()}.
	 * @return the count
	 */
	public long requests() {
		return this.requests.sum();
	}

	/**
	 * Return the 503 answers given since the last {@link #resetCounters()}.
	 * @return the count
	 */
	public long errors() {
		return this.errors.sum();
	}

	/**
	 * Set the request and error counts to zero.
	 */
	public void resetCounters() {
		this.requests.reset();
		this.errors.reset();
	}

	@Override
	public void close() {
		stop();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream body = exchange.getRequestBody()) {
				body.transferTo(OutputStream.nullOutputStream());
			}
			this.requests.increment();
			long delay = this.delayNanos;
			if (delay > 0) {
				sleepNanos(delay);
			}
			double errorRate = this.errorRate;
			if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
				this.errors.increment();
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			String id = exchange.getRequestURI().getRawPath().substring(PATH.length());
			byte[] json = ("{\"id\":\"" + id + "\",\"name\":\"Brass Lantern\",\"stock\":" + (id.length() % 13)
					+ ",\"servedBy\":\"" + this.name + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, json.length);
			exchange.getResponseBody().write(json);
		}
	}

	private static void sleep(long millis) {
		sleepNanos(millis * 1_000_000);
	}

	private static void sleepNanos(long nanos) {
		try {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
