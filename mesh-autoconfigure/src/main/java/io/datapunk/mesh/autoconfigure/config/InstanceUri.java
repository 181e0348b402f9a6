package io.datapunk.mesh.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated {@link java.net.URI}, if not {@code null}, addresses one instance:
 * {@code http} or {@code https}, a host, an optional port, and nothing else (no path,
 * query, fragment or user info, which could carry credentials into logs).
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = InstanceUriValidator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface InstanceUri {

	/**
	 * Message of a violation: the rule.
	 * @return the message
	 */
	String message() default "must be an instance address http://host:port or https://host:port, "
			+ "with no path, query, fragment or user info";

	/**
	 * Validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * Payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
