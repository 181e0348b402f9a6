package io.datapunk.mesh.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A few {@link TestHttpServer}s for a test class, as a JUnit extension: started before
 * the class, healthy and with no hits before each test, stopped after the class.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");
 * </pre>
 *
 * @since 0.1.0
 */
public final class TestHttpServers implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private final List<String> names;

	private final List<TestHttpServer> servers = new ArrayList<>();

	private TestHttpServers(List<String> names) {
		this.names = names;
	}

	public static TestHttpServers named(String... names) {
		return new TestHttpServers(List.of(names));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.names.forEach((name) -> this.servers.add(TestHttpServer.start(name)));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		for (TestHttpServer server : this.servers) {
			server.respondWith(200);
			server.delay(Duration.ZERO);
			server.cutBodies(false);
			server.reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.servers.forEach(TestHttpServer::close);
		this.servers.clear();
	}

	public TestHttpServer get(int index) {
		return this.servers.get(index);
	}

	public List<TestHttpServer> all() {
		return Collections.unmodifiableList(this.servers);
	}

	/**
	 * Return the servers' addresses as one comma-separated value, for
	 * {@code mesh.services.<name>.instances}.
	 * @return the addresses
	 */
	public String uris() {
		return this.servers.stream().map((server) -> server.uri().toString()).collect(Collectors.joining(","));
	}

	public int totalHits() {
		return this.servers.stream().mapToInt(TestHttpServer::hits).sum();
	}

	public void respondWith(int status) {
		this.servers.forEach((server) -> server.respondWith(status));
	}

}
