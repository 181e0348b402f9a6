package io.datapunk.mesh.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports on 127.0.0.1 that nothing listens on, for "instance is down" tests.
 *
 * @since 0.1.0
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Return a port that was free a moment ago: opened, then closed.
	 * @return the port
	 */
	public static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
