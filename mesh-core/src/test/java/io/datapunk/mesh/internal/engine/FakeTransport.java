package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import io.datapunk.mesh.test.FakeTicker;

/**
 * A transport whose instances answer from a script, per port: a status, an I/O failure
 * before the request reached the server (a refused connection, a failed handshake) or
 * after (a reset), each after a delay that moves the {@link FakeTicker}. An answer slower
 * than the attempt's time limit is a timeout at the limit. The last step of a script
 * repeats.
 */
final class FakeTransport implements AttemptSender<FakeAnswer> {

	private final FakeTicker ticker;

	private final Map<Integer, Deque<Step>> scripts = new HashMap<>();

	final List<URI> sent = new ArrayList<>();

	final List<FakeAnswer> answers = new ArrayList<>();

	FakeTransport(FakeTicker ticker) {
		this.ticker = ticker;
	}

	FakeTransport script(int port, Step... steps) {
		this.scripts.put(port, new ArrayDeque<>(List.of(steps)));
		return this;
	}

	static Step status(int status) {
		return new Step(status, null, Duration.ZERO);
	}

	static Step status(int status, Duration delay) {
		return new Step(status, null, delay);
	}

	static Step refused() {
		return new Step(0, new ConnectException("Connection refused"), Duration.ZERO);
	}

	static Step tlsFailure() {
		return new Step(0, new SSLHandshakeException("PKIX path building failed"), Duration.ZERO);
	}

	static Step resetAfterSending() {
		return new Step(0, new IOException("Connection reset"), Duration.ZERO);
	}

	List<Integer> sentPorts() {
		return this.sent.stream().map(URI::getPort).toList();
	}

	@Override
	public FakeAnswer send(URI target, Duration timeLimit) throws IOException {
		this.sent.add(target);
		Step step = next(target.getPort());
		if (step.delay().compareTo(timeLimit) > 0) {
			this.ticker.advance(timeLimit);
			throw new SocketTimeoutException("No response within " + timeLimit.toMillis() + " ms");
		}
		this.ticker.advance(step.delay());
		if (step.failure() != null) {
			throw step.failure();
		}
		FakeAnswer answer = new FakeAnswer(step.status());
		this.answers.add(answer);
		return answer;
	}

	@Override
	public FakeAnswer readBody(FakeAnswer answer) {
		answer.bodyRead = true;
		return answer;
	}

	private Step next(int port) {
		Deque<Step> script = this.scripts.get(port);
		if (script == null) {
			throw new IllegalStateException("No script for port " + port);
		}
		return (script.size() > 1) ? script.poll() : script.peek();
	}

	record Step(int status, IOException failure, Duration delay) {
	}

}
