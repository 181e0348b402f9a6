package io.datapunk.mesh.test.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on 127.0.0.1 and a free port, over UDP and TCP (the resolver asks again
 * over TCP when a UDP answer is truncated), answering from a table of SRV, A and AAAA
 * records that tests change while it runs. A name not in the table is NXDOMAIN, a name
 * without records of the type asked is an empty answer (both with an SOA whose minimum is
 * the negative TTL). It can put the targets' addresses in the additional section or leave
 * them out, stop answering (queries are dropped, as by a dead server), or answer with an
 * error code. Every query is recorded. Thread-safe.
 *
 * @since 0.1.0
 */
public final class TestDnsServer extends TestDnsZone implements AutoCloseable {

	private static final int UDP_LIMIT_WITHOUT_EDNS = 512;

	private final DatagramSocket udp;

	private final ServerSocket tcp;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-dns-server");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Query> queries = new CopyOnWriteArrayList<>();

	private volatile boolean answering = true;

	private volatile int rcode = Rcode.NOERROR;

	private volatile boolean additionalAddresses = true;

	private volatile long negativeTtl = 1;

	private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
		this.udp = udp;
		this.tcp = tcp;
		this.threads.execute(this::serveUdp);
		this.threads.execute(this::serveTcp);
	}

	/**
	 * Start a server on a port free for both UDP and TCP.
	 * @return the running server
	 */
	public static TestDnsServer start() {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		for (int tries = 0; tries < 20; tries++) {
			DatagramSocket udp = null;
			try {
				udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
				ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
				return new TestDnsServer(udp, tcp);
			}
			catch (BindException ex) {
				udp.close();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("No port free for both UDP and TCP");
	}

	public int port() {
		return this.udp.getLocalPort();
	}

	/**
	 * Return the server's address as {@code mesh.discovery.dns.servers} takes it.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return this.udp.getLocalAddress().getHostAddress() + ":" + port();
	}

	/**
	 * Set whether SRV answers carry the targets' addresses in the additional section.
	 * @param include {@code false} to make the resolver ask for them
	 */
	public void additionalAddresses(boolean include) {
		this.additionalAddresses = include;
	}

	/**
	 * Set whether the server answers; when not, queries get no answer at all.
	 * @param answering {@code false} to act as a dead server
	 */
	public void answering(boolean answering) {
		this.answering = answering;
	}

	/**
	 * Answer every query with an error code, or normally again.
	 * @param rcode an {@link Rcode}, such as {@code Rcode.SERVFAIL};
	 * {@code Rcode.NOERROR} to answer normally
	 */
	public void answerWith(int rcode) {
		this.rcode = rcode;
	}

	/**
	 * Set the negative TTL (the SOA minimum) of NXDOMAIN and empty answers.
	 * @param seconds the TTL
	 */
	public void negativeTtl(long seconds) {
		this.negativeTtl = seconds;
	}

	public List<Query> queries() {
		return List.copyOf(this.queries);
	}

	/**
	 * Return how many queries of a name and type arrived.
	 * @param name the name
	 * @param type the type, such as {@code Type.SRV}
	 * @return the count
	 */
	public long queryCount(String name, int type) {
		Name asked = TestDnsZone.name(name);
		return this.queries.stream().filter((query) -> query.name().equals(asked) && query.type() == type).count();
	}

	public void clearQueries() {
		this.queries.clear();
	}

	@Override
	public void close() {
		this.udp.close();
		try {
			this.tcp.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		this.threads.shutdownNow();
	}

	private void serveUdp() {
		byte[] buffer = new byte[65535];
		while (!this.udp.isClosed()) {
			try {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				this.udp.receive(packet);
				Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
				Message response = respond(query, false);
				if (response != null) {
					OPTRecord opt = query.getOPT();
					int limit = (opt != null) ? Math.max(UDP_LIMIT_WITHOUT_EDNS, opt.getPayloadSize())
							: UDP_LIMIT_WITHOUT_EDNS;
					byte[] wire = response.toWire(limit);
					this.udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
				}
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException ex) {
				// A query that does not parse: dropped, as servers do.
			}
		}
	}

	private void serveTcp() {
		while (!this.tcp.isClosed()) {
			try {
				Socket socket = this.tcp.accept();
				this.threads.execute(() -> serveTcp(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serveTcp(Socket socket) {
		try (socket) {
			DataInputStream in = new DataInputStream(socket.getInputStream());
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			while (true) {
				byte[] bytes = new byte[in.readUnsignedShort()];
				in.readFully(bytes);
				Message response = respond(new Message(bytes), true);
				if (response == null) {
					continue;
				}
				byte[] wire = response.toWire();
				out.writeShort(wire.length);
				out.write(wire);
				out.flush();
			}
		}
		catch (EOFException | SocketException ex) {
			// The client is done.
		}
		catch (IOException ex) {
			// Dropped.
		}
	}

	private Message respond(Message query, boolean tcp) {
		Record question = query.getQuestion();
		this.queries.add(new Query(question.getName(), question.getType(), tcp, System.nanoTime()));
		if (!this.answering) {
			return null;
		}
		Message response = new Message(query.getHeader().getID());
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		if (query.getHeader().getFlag(Flags.RD)) {
			response.getHeader().setFlag(Flags.RD);
		}
		response.addRecord(question, Section.QUESTION);
		if (query.getOPT() != null) {
			response.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
		}
		int rcode = this.rcode;
		if (rcode != Rcode.NOERROR) {
			response.getHeader().setRcode(rcode);
			return response;
		}
		answer(question, response, this.additionalAddresses, this.negativeTtl);
		return response;
	}

	/**
	 * One query as the server received it.
	 *
	 * @param name the name asked
	 * @param type the type asked, such as {@code Type.SRV}
	 * @param tcp whether it came over TCP
	 * @param nanoTime when it arrived, as {@link System#nanoTime()}
	 */
	public record Query(Name name, int type, boolean tcp, long nanoTime) {

	}

}
