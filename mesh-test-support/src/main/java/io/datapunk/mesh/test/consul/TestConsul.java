package io.datapunk.mesh.test.consul;

import java.net.URI;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Consul agent of an integration test class, as a JUnit extension: a
 * {@link ConsulTestServer} started for the class, or, with the environment variable
 * {@code MESH_TEST_CONSUL_URL} set (e.g. {@code http://127.0.0.1:8500}), that real agent
 * (with {@code MESH_TEST_CONSUL_TOKEN} as its ACL token for the ACL tests). Tests that
 * must stop the agent or make it lose its registrations are skipped, with the reason,
 * against a real agent.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final TestConsul consul = TestConsul.agent();
 * </pre>
 *
 * @since 0.1.0
 */
public final class TestConsul implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	static final String URL_VARIABLE = "MESH_TEST_CONSUL_URL";

	static final String TOKEN_VARIABLE = "MESH_TEST_CONSUL_TOKEN";

	private final boolean acl;

	private final boolean startStopped;

	private ConsulTestServer server;

	private URI uri;

	private String token;

	private ConsulTestClient client;

	private TestConsul(boolean acl, boolean startStopped) {
		this.acl = acl;
		this.startStopped = startStopped;
	}

	/**
	 * An agent without ACLs.
	 * @return the extension
	 */
	public static TestConsul agent() {
		return new TestConsul(false, false);
	}

	/**
	 * An agent whose API needs an ACL token.
	 * @return the extension
	 */
	public static TestConsul withAcl() {
		return new TestConsul(true, false);
	}

	/**
	 * A test server that is not listening when the tests start ({@link #start()} starts
	 * it); never a real agent.
	 * @return the extension
	 */
	public static TestConsul notRunning() {
		return new TestConsul(false, true);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		String external = System.getenv(URL_VARIABLE);
		if (external != null && !external.isBlank()) {
			Assumptions.assumeFalse(this.startStopped,
					"needs a Consul agent that is down at first; " + URL_VARIABLE + " points at a running one");
			this.uri = URI.create(external);
			if (this.acl) {
				this.token = System.getenv(TOKEN_VARIABLE);
				Assumptions.assumeTrue(this.token != null,
						"needs an ACL token of the agent at " + URL_VARIABLE + " in " + TOKEN_VARIABLE);
			}
		}
		else {
			this.token = this.acl ? "9f4bd07c-6a3e-4d7e-b1a5-acl-test-secret" : null;
			this.server = this.startStopped ? ConsulTestServer.stopped() : ConsulTestServer.withToken(this.token);
			this.uri = this.server.uri();
		}
		this.client = new ConsulTestClient(this.uri, this.token);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server != null && !this.startStopped) {
			this.server.restart();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.server != null) {
			this.server.restart();
		}
		if (this.client != null) {
			this.client.deregisterAll();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
		}
	}

	public String host() {
		return this.uri.getHost();
	}

	public int port() {
		return this.uri.getPort();
	}

	/**
	 * Return the ACL token of the agent.
	 * @return the token, {@code null} without ACLs
	 */
	public String token() {
		return this.token;
	}

	/**
	 * Return the properties that point spring-cloud-consul (and so the mesh) at this
	 * agent, without the token.
	 * @return {@code key=value} pairs
	 */
	public String[] properties() {
		return new String[] { "spring.cloud.consul.host=" + host(), "spring.cloud.consul.port=" + port(),
				"spring.cloud.consul.scheme=" + this.uri.getScheme() };
	}

	public ConsulTestClient client() {
		return this.client;
	}

	/**
	 * Return the test server.
	 * @return the server
	 */
	public ConsulTestServer server() {
		Assumptions.assumeTrue(this.server != null, "needs to stop or restart the Consul agent; " + URL_VARIABLE
				+ " points at one the tests cannot control");
		return this.server;
	}

	public void stop() {
		server().stop();
	}

	public void start() {
		server().restart();
	}

	public void loseAllRegistrations() {
		server().loseAllRegistrations();
	}

}
