package io.datapunk.mesh.test.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.datapunk.mesh.test.FreePorts;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server for a test class, as a JUnit extension: started before the class on
 * a free port of 127.0.0.1, stopped after it. The server is {@code redis-server} from the
 * {@code PATH} if there is one, else the binary bundled in
 * {@code com.github.codemonstur:embedded-redis}; the environment variable
 * {@code MESH_TEST_REDIS_URL} ({@code redis://[:password@]host:port}) points the tests at
 * an external server instead, which they then neither start, stop, nor kill.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final TestRedisServer redis = TestRedisServer.create();
 * </pre>
 *
 * @since 0.1.0
 */
public final class TestRedisServer implements BeforeAllCallback, AfterAllCallback {

	/**
	 * The environment variable that names an external server.
	 */
	public static final String EXTERNAL_URL = "MESH_TEST_REDIS_URL";

	private final String password;

	private URI external;

	private File executable;

	private int port;

	private Process process;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private TestRedisServer(String password) {
		this.password = password;
	}

	/**
	 * Return a server without a password.
	 * @return the server, started by JUnit
	 */
	public static TestRedisServer create() {
		return new TestRedisServer(null);
	}

	/**
	 * Return a server that requires a password.
	 * @param password the password
	 * @return the server, started by JUnit
	 */
	public static TestRedisServer withPassword(String password) {
		return new TestRedisServer(password);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String url = System.getenv(EXTERNAL_URL);
		if (url != null && !url.isBlank()) {
			this.external = URI.create(url);
			this.port = (this.external.getPort() != -1) ? this.external.getPort() : 6379;
			return;
		}
		this.executable = findExecutable();
		this.port = FreePorts.closedPort();
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		closeClient();
		if (this.process != null) {
			this.process.destroyForcibly();
			waitFor(this.process);
			this.process = null;
		}
	}

	/**
	 * Return whether the server was started by the tests, so it can be killed.
	 * @return {@code false} for an external server
	 */
	public boolean isOwnProcess() {
		return this.external == null;
	}

	public String host() {
		return (this.external != null) ? this.external.getHost() : "127.0.0.1";
	}

	public int port() {
		return this.port;
	}

	/**
	 * Return the password the server requires.
	 * @return the password, or {@code null} if none
	 */
	public String password() {
		if (this.external != null && this.external.getUserInfo() != null) {
			String userInfo = this.external.getUserInfo();
			return userInfo.substring(userInfo.indexOf(':') + 1);
		}
		return this.password;
	}

	/**
	 * Return the Spring Boot properties that connect to this server.
	 * @return the properties, as {@code key=value}
	 */
	public String[] springProperties() {
		List<String> properties = new ArrayList<>();
		properties.add("spring.data.redis.host=" + host());
		properties.add("spring.data.redis.port=" + port());
		if (password() != null) {
			properties.add("spring.data.redis.password=" + password());
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * Return commands on a connection of the tests' own, to look at what the mesh wrote.
	 * @return the commands
	 */
	public synchronized RedisCommands<String, String> commands() {
		if (this.connection == null) {
			RedisURI.Builder uri = RedisURI.builder()
				.withHost(host())
				.withPort(port())
				.withTimeout(Duration.ofSeconds(5));
			if (password() != null) {
				uri.withPassword(password().toCharArray());
			}
			this.client = RedisClient.create(uri.build());
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	/**
	 * Make the server answer nobody for a while ({@code DEBUG SLEEP}), as a blocked or
	 * overloaded server would. Returns when the server answers again.
	 * @param seconds how long
	 */
	public void sleep(double seconds) {
		commands().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(Double.toString(seconds)));
	}

	/**
	 * Return whether the server process runs (an external server always counts as
	 * running).
	 * @return {@code true} unless the server was killed and not restarted
	 */
	public boolean isRunning() {
		return this.external != null || (this.process != null && this.process.isAlive());
	}

	/**
	 * Kill the server process at once (SIGKILL), as a crash would.
	 */
	public void kill() {
		requireOwnProcess();
		closeClient();
		this.process.destroyForcibly();
		waitFor(this.process);
		this.process = null;
	}

	/**
	 * Start the server again on the same port, empty.
	 * @throws IOException if it cannot be started
	 */
	public void restart() throws IOException {
		requireOwnProcess();
		if (this.process != null) {
			kill();
		}
		start();
	}

	private void requireOwnProcess() {
		if (this.external != null) {
			throw new IllegalStateException("An external Redis (" + EXTERNAL_URL + ") cannot be killed or restarted");
		}
	}

	private void start() throws IOException {
		List<String> command = new ArrayList<>(List.of(this.executable.getAbsolutePath(), "--port",
				Integer.toString(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
		if (this.password != null) {
			command.add("--requirepass");
			command.add(this.password);
		}
		if (majorVersion(this.executable) >= 7) {
			// Redis 7 refuses DEBUG (used by sleep()) unless asked to allow it: a
			// Debian or Homebrew redis-server on the PATH would fail the slow-Redis
			// tests without this.
			command.add("--enable-debug-command");
			command.add("local");
		}
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		awaitReady(Duration.ofSeconds(10));
	}

	private void awaitReady(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("redis-server exited with " + this.process.exitValue());
			}
			if (answersPing()) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
		throw new IOException("redis-server did not answer on port " + this.port + " within " + timeout);
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			int first = in.read();
			// "+PONG", or "-NOAUTH" when a password is required: either way it serves.
			return first == '+' || first == '-';
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return the major version a {@code redis-server} binary reports
	 * ({@code Redis server v=7.0.15 sha=...}), or 0 if it cannot be told.
	 */
	static int majorVersion(File executable) {
		try {
			Process version = new ProcessBuilder(executable.getAbsolutePath(), "--version").redirectErrorStream(true)
				.start();
			String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			waitFor(version);
			Matcher matcher = Pattern.compile("v=(\\d+)\\.").matcher(output);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

	private static File findExecutable() throws IOException {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				File candidate = new File(dir, "redis-server");
				if (candidate.isFile() && candidate.canExecute()) {
					return candidate;
				}
			}
		}
		return ExecutableProvider.newJarResourceProvider().get();
	}

	private synchronized void closeClient() {
		if (this.connection != null) {
			this.connection.close();
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			this.connection = null;
			this.client = null;
		}
	}

	private static void waitFor(Process process) {
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
