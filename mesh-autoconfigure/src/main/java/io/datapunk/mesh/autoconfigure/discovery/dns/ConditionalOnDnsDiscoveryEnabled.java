package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches when {@code mesh.discovery.dns.enabled} is {@code true}; DNS SRV discovery is
 * off unless switched on.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(ConditionalOnDnsDiscoveryEnabled.PROPERTY)
public @interface ConditionalOnDnsDiscoveryEnabled {

	/**
	 * The property that switches DNS SRV discovery on.
	 */
	String PROPERTY = "mesh.discovery.dns.enabled";

}
