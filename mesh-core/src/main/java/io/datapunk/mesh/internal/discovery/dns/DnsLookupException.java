package io.datapunk.mesh.internal.discovery.dns;

/**
 * Thrown when a DNS server answers a lookup with an error (SERVFAIL, REFUSED, …) rather
 * than with records or their absence.
 *
 * @author datapunk mesh team
 */
class DnsLookupException extends RuntimeException {

	DnsLookupException(String message) {
		super(message);
	}

}
