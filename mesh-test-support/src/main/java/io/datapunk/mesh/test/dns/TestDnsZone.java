package io.datapunk.mesh.test.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The records a {@link TestDnsServer} answers from: SRV, A and AAAA records by name,
 * which tests change while it runs, and how an answer is made of them. Thread-safe.
 *
 * @since 0.1.0
 */
public class TestDnsZone {

	private static final Name ZONE = name("test.");

	private final Map<Name, Map<Integer, List<Record>>> records = new ConcurrentHashMap<>();

	/**
	 * Set the SRV records of a name, replacing those it had.
	 * @param name the owner name, such as {@code _http._tcp.inventory.service.consul}
	 * @param ttl the TTL of the records, in seconds
	 * @param entries the records
	 */
	public void srv(String name, long ttl, Srv... entries) {
		Name owner = name(name);
		List<Record> list = new ArrayList<>();
		for (Srv entry : entries) {
			list.add(new SRVRecord(owner, DClass.IN, ttl, entry.priority(), entry.weight(), entry.port(),
					name(entry.target())));
		}
		put(owner, Type.SRV, list);
	}

	/**
	 * Set the IPv4 addresses of a host name, replacing those it had.
	 * @param host the host name
	 * @param ttl the TTL, in seconds
	 * @param addresses the addresses
	 */
	public void a(String host, long ttl, String... addresses) {
		Name owner = name(host);
		List<Record> list = new ArrayList<>();
		for (String address : addresses) {
			list.add(new ARecord(owner, DClass.IN, ttl, parse(address)));
		}
		put(owner, Type.A, list);
	}

	/**
	 * Set the IPv6 addresses of a host name, replacing those it had.
	 * @param host the host name
	 * @param ttl the TTL, in seconds
	 * @param addresses the addresses
	 */
	public void aaaa(String host, long ttl, String... addresses) {
		Name owner = name(host);
		List<Record> list = new ArrayList<>();
		for (String address : addresses) {
			list.add(new AAAARecord(owner, DClass.IN, ttl, parse(address)));
		}
		put(owner, Type.AAAA, list);
	}

	/**
	 * Remove a name and all its records: it is NXDOMAIN from now on.
	 * @param name the name
	 */
	public void remove(String name) {
		this.records.remove(name(name));
	}

	private void put(Name owner, int type, List<Record> list) {
		this.records.compute(owner, (name, byType) -> {
			Map<Integer, List<Record>> copy = (byType != null) ? new ConcurrentHashMap<>(byType)
					: new ConcurrentHashMap<>();
			copy.put(type, List.copyOf(list));
			return copy;
		});
	}

	/**
	 * Fill the answer to a question: its records, with the targets' addresses in the
	 * additional section for SRV if asked; NXDOMAIN for a name not in the zone, and an
	 * SOA carrying the negative TTL when there is no record.
	 */
	void answer(Record question, Message response, boolean additionalAddresses, long negativeTtl) {
		Map<Integer, List<Record>> byType = this.records.get(question.getName());
		List<Record> answers = (byType != null) ? byType.getOrDefault(question.getType(), List.of()) : List.of();
		if (answers.isEmpty()) {
			if (byType == null) {
				response.getHeader().setRcode(Rcode.NXDOMAIN);
			}
			long ttl = negativeTtl;
			response.addRecord(new SOARecord(ZONE, DClass.IN, ttl, name("ns.test."), name("admin.test."), 1, 3600, 600,
					86400, ttl), Section.AUTHORITY);
			return;
		}
		answers.forEach((record) -> response.addRecord(record, Section.ANSWER));
		if (question.getType() == Type.SRV && additionalAddresses) {
			for (Record answer : answers) {
				Map<Integer, List<Record>> target = this.records.get(((SRVRecord) answer).getTarget());
				if (target != null) {
					target.getOrDefault(Type.A, List.of())
						.forEach((record) -> response.addRecord(record, Section.ADDITIONAL));
					target.getOrDefault(Type.AAAA, List.of())
						.forEach((record) -> response.addRecord(record, Section.ADDITIONAL));
				}
			}
		}
	}

	static Name name(String name) {
		try {
			return Name.fromString(name, Name.root);
		}
		catch (TextParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static InetAddress parse(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * One SRV record, as {@link #srv(String, long, Srv...)} takes it.
	 *
	 * @param priority the priority (lower is preferred)
	 * @param weight the weight within a priority
	 * @param port the port
	 * @param target the target host name
	 */
	public record Srv(int priority, int weight, int port, String target) {

		public static Srv of(int priority, int weight, int port, String target) {
			return new Srv(priority, weight, port, target);
		}

	}

}
