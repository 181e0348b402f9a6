package io.datapunk.mesh.internal.discovery.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * One lookup of a service's SRV records and of the addresses of their targets, as RFC
 * 2782 reads them: only the group with the lowest priority value among those whose
 * targets resolve; a weight of 0 counts as 1 (the weighted balancer needs at least 1, and
 * the RFC gives such records a small share); a lone record with target {@code .} means
 * the service is not offered. Target addresses come from the answer's additional section
 * where the server put them there, otherwise from A (then AAAA) queries. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class SrvLookup {

	/**
	 * Metadata key of an instance's weight: the one the weighted balancer reads
	 * (discovery does not depend on the balancer package).
	 */
	static final String WEIGHT = "weight";

	/** Metadata key of an instance's SRV priority. */
	static final String PRIORITY = "priority";

	/** Metadata key of an instance's SRV target host name. */
	static final String TARGET = "target";

	private final Resolver resolver;

	private final Executor executor;

	private final boolean secure;

	/**
	 * Create a lookup.
	 * @param resolver the resolver that sends queries
	 * @param executor runs what follows an answer
	 * @param secure whether the instances found are https ones
	 */
	SrvLookup(Resolver resolver, Executor executor, boolean secure) {
		this.resolver = resolver;
		this.executor = executor;
		this.secure = secure;
	}

	/**
	 * Look up the instances of a service.
	 * @param serviceId the service
	 * @param name the SRV name to query
	 * @return the answer; fails with the resolver's exception (a timeout, an I/O error)
	 * or a {@link DnsLookupException} when a server answered with an error
	 */
	CompletableFuture<SrvAnswer> lookup(String serviceId, Name name) {
		return query(name, Type.SRV).thenCompose((response) -> answer(serviceId, name, response));
	}

	private CompletableFuture<Message> query(Name name, int type) {
		Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
		return this.resolver.sendAsync(query, this.executor).toCompletableFuture();
	}

	private CompletableFuture<SrvAnswer> answer(String serviceId, Name name, Message response) {
		int rcode = response.getRcode();
		if (rcode == Rcode.NXDOMAIN) {
			return CompletableFuture.completedFuture(SrvAnswer.none(negativeTtl(response)));
		}
		if (rcode != Rcode.NOERROR) {
			return CompletableFuture
				.failedFuture(new DnsLookupException("DNS answered " + Rcode.string(rcode) + " for " + name + " SRV"));
		}
		List<SRVRecord> records = new ArrayList<>();
		for (Record record : response.getSection(Section.ANSWER)) {
			if (record instanceof SRVRecord srv && !srv.getTarget().equals(Name.root)) {
				records.add(srv);
			}
		}
		if (records.isEmpty()) {
			return CompletableFuture.completedFuture(SrvAnswer.none(negativeTtl(response)));
		}
		Map<Name, Address> addresses = additionalAddresses(response);
		Map<Name, CompletableFuture<Address>> pending = new LinkedHashMap<>();
		for (SRVRecord record : records) {
			Name target = record.getTarget();
			if (!addresses.containsKey(target) && !pending.containsKey(target)) {
				pending.put(target, resolveAddress(target));
			}
		}
		return CompletableFuture.allOf(pending.values().toArray(new CompletableFuture<?>[0])).thenApply((done) -> {
			pending.forEach((target, address) -> {
				if (address.join() != null) {
					addresses.put(target, address.join());
				}
			});
			return build(serviceId, records, addresses);
		});
	}

	private SrvAnswer build(String serviceId, List<SRVRecord> records, Map<Name, Address> addresses) {
		TreeMap<Integer, List<SRVRecord>> byPriority = new TreeMap<>();
		for (SRVRecord record : records) {
			if (addresses.containsKey(record.getTarget())) {
				byPriority.computeIfAbsent(record.getPriority(), (priority) -> new ArrayList<>()).add(record);
			}
		}
		if (byPriority.isEmpty()) {
			// Records whose targets have no address: as good as none, for their TTL.
			return SrvAnswer.none(records.stream().mapToLong(Record::getTTL).min().orElse(0));
		}
		long ttl = Long.MAX_VALUE;
		Map<String, ServiceInstance> instances = new HashMap<>();
		for (SRVRecord record : byPriority.firstEntry().getValue()) {
			Address address = addresses.get(record.getTarget());
			ttl = Math.min(ttl, Math.min(record.getTTL(), address.ttl()));
			String key = address.host() + ":" + record.getPort();
			instances.putIfAbsent(key, instance(serviceId, record, address));
		}
		List<ServiceInstance> sorted = new ArrayList<>(instances.values());
		sorted.sort(Comparator.comparing(ServiceInstance::getHost).thenComparingInt(ServiceInstance::getPort));
		return new SrvAnswer(List.copyOf(sorted), ttl);
	}

	private ServiceInstance instance(String serviceId, SRVRecord record, Address address) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put(WEIGHT, Integer.toString(Math.max(1, record.getWeight())));
		metadata.put(PRIORITY, Integer.toString(record.getPriority()));
		metadata.put(TARGET, record.getTarget().toString(true));
		String instanceId = serviceId + "-" + address.host() + "-" + record.getPort();
		return new DefaultServiceInstance(instanceId, serviceId, address.host(), record.getPort(), this.secure,
				Collections.unmodifiableMap(metadata));
	}

	private static Map<Name, Address> additionalAddresses(Message response) {
		Map<Name, Address> addresses = new HashMap<>();
		// A before AAAA: one address per target, IPv4 where there is one.
		for (Record record : response.getSection(Section.ADDITIONAL)) {
			if (record instanceof ARecord a) {
				addresses.putIfAbsent(record.getName(), new Address(a.getAddress(), record.getTTL()));
			}
		}
		for (Record record : response.getSection(Section.ADDITIONAL)) {
			if (record instanceof AAAARecord aaaa) {
				addresses.putIfAbsent(record.getName(), new Address(aaaa.getAddress(), record.getTTL()));
			}
		}
		return addresses;
	}

	/**
	 * Resolve a target's address: A first, AAAA if it has none. Completes with
	 * {@code null} when the target has no address; fails when DNS fails, so that a
	 * passing failure keeps the last answer rather than dropping an instance.
	 */
	private CompletableFuture<Address> resolveAddress(Name target) {
		return query(target, Type.A).thenCompose((response) -> {
			Address address = firstAddress(target, response, Type.A);
			return (address != null) ? CompletableFuture.completedFuture(address)
					: query(target, Type.AAAA).thenApply((aaaa) -> firstAddress(target, aaaa, Type.AAAA));
		});
	}

	private static Address firstAddress(Name target, Message response, int type) {
		int rcode = response.getRcode();
		if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
			throw new DnsLookupException(
					"DNS answered " + Rcode.string(rcode) + " for " + target + " " + Type.string(type));
		}
		for (Record record : response.getSection(Section.ANSWER)) {
			if (record instanceof ARecord a) {
				return new Address(a.getAddress(), record.getTTL());
			}
			if (record instanceof AAAARecord aaaa) {
				return new Address(aaaa.getAddress(), record.getTTL());
			}
		}
		return null;
	}

	/** RFC 2308: a negative answer is kept for the SOA's minimum, at most its TTL. */
	private static long negativeTtl(Message response) {
		for (Record record : response.getSection(Section.AUTHORITY)) {
			if (record instanceof SOARecord soa) {
				return Math.min(soa.getTTL(), soa.getMinimum());
			}
		}
		return 0;
	}

	private record Address(String host, long ttl) {

		Address(InetAddress address, long ttl) {
			this(address.getHostAddress(), ttl);
		}

	}

}
