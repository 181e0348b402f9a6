package io.datapunk.mesh.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated number, if not {@code null}, is a percentage greater than 0 and at most
 * 100 (Resilience4j's rule for its rate thresholds).
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = PercentageValidator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Percentage {

	/**
	 * Message of a violation: the rule.
	 * @return the message
	 */
	String message() default "must be a percentage greater than 0 and at most 100";

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
