package io.datapunk.mesh.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated {@link java.time.Duration}, if not {@code null}, is greater than zero and
 * at most {@link #max()}: one hour unless the key says otherwise. An hour is far beyond
 * any timeout, backoff or window of a call, and far below the values that break the
 * clients ({@code Duration.toNanos()} overflows at 292 years, Apache HttpClient's
 * {@code int} millisecond timeouts at 24.8 days).
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = PositiveDurationValidator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveDuration {

	/**
	 * Message of a violation: the rule.
	 * @return the message
	 */
	String message() default "must be a duration greater than zero and at most {max}";

	/**
	 * Largest value allowed, in Spring Boot's duration format.
	 * @return the bound
	 */
	String max() default "1h";

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
