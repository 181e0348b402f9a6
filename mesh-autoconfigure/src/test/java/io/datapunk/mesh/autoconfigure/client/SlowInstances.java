package io.datapunk.mesh.autoconfigure.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Instances that fail the way real outages look, on 127.0.0.1: one that accepts
 * connections and never answers (a hung process), and one that sends its status and
 * headers at once and then its body one byte every 500 ms.
 */
public final class SlowInstances {

	private SlowInstances() {
	}

	/**
	 * A server that accepts connections, reads nothing and never answers.
	 */
	public static final class Hung implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		Hung() throws IOException {
			this.server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::accept, "hung-instance");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					this.accepted.add(this.server.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
		}

		int connections() {
			return this.accepted.size();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

	/**
	 * A server (raw sockets, so that nothing buffers) whose answers are a 200 with its
	 * headers at once and then a chunked body trickling one byte every 500 ms, for up to
	 * 30 s.
	 */
	public static final class Trickling implements AutoCloseable {

		private final ServerSocket server;

		private final ExecutorService connections = Executors.newCachedThreadPool();

		Trickling() throws IOException {
			this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
			this.connections.execute(this::accept);
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.connections.execute(() -> trickle(socket));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private static void trickle(Socket socket) {
			try (socket) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				String line = in.readLine();
				while (line != null && !line.isEmpty()) {
					line = in.readLine();
				}
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				for (int i = 0; i < 60; i++) {
					out.write("1\r\n \r\n".getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					Thread.sleep(500);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				// The client went away: what a trickling server sees when the mesh gives
				// up.
			}
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			this.connections.shutdownNow();
		}

	}

}
