package io.datapunk.mesh.internal.resilience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The tracked instances of one service, found by address ({@code scheme://host:port},
 * case-insensitive) without allocating, as the per-call paths need. Lookups take no lock;
 * changes are made only under the owning {@link OutlierDetector}'s lock.
 *
 * @author datapunk mesh team
 */
final class EjectableInstances {

	private static final EjectableInstance[] NONE = {};

	// Keyed by host and then matched on scheme and port, because a key string
	// "scheme://host:port" would be built, and thrown away, on every call. The arrays are
	// replaced, never changed, so readers see whole ones.
	private final Map<String, EjectableInstance[]> byHost = new ConcurrentHashMap<>();

	private volatile int size;

	EjectableInstance find(ServiceInstance instance) {
		EjectableInstance[] sameHost = this.byHost.get(hostOf(instance));
		if (sameHost == null) {
			return null;
		}
		String scheme = schemeOf(instance);
		int port = instance.getPort();
		for (EjectableInstance candidate : sameHost) {
			if (candidate.hasAddress(scheme, port)) {
				return candidate;
			}
		}
		return null;
	}

	EjectableInstance add(ServiceInstance instance) {
		String host = hostOf(instance);
		EjectableInstance added = new EjectableInstance(schemeOf(instance).toLowerCase(Locale.ROOT), host,
				instance.getPort());
		EjectableInstance[] sameHost = this.byHost.getOrDefault(host, NONE);
		EjectableInstance[] grown = Arrays.copyOf(sameHost, sameHost.length + 1);
		grown[sameHost.length] = added;
		this.byHost.put(host, grown);
		this.size = this.size + 1;
		return added;
	}

	void remove(EjectableInstance instance) {
		EjectableInstance[] sameHost = this.byHost.get(instance.host());
		EjectableInstance[] rest = Arrays.stream(sameHost)
			.filter((candidate) -> candidate != instance)
			.toArray(EjectableInstance[]::new);
		if (rest.length > 0) {
			this.byHost.put(instance.host(), rest);
		}
		else {
			this.byHost.remove(instance.host());
		}
		instance.forget();
		this.size = this.size - 1;
	}

	int size() {
		return this.size;
	}

	List<EjectableInstance> all() {
		List<EjectableInstance> all = new ArrayList<>(this.size);
		for (EjectableInstance[] sameHost : this.byHost.values()) {
			Collections.addAll(all, sameHost);
		}
		return all;
	}

	private static String hostOf(ServiceInstance instance) {
		// No copy is made of a host that is already lowercase, as nearly all are.
		return instance.getHost().toLowerCase(Locale.ROOT);
	}

	static String schemeOf(ServiceInstance instance) {
		String scheme = instance.getScheme();
		if (scheme != null) {
			return scheme;
		}
		return instance.isSecure() ? "https" : "http";
	}

}
