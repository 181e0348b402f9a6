package io.datapunk.mesh.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated number, if not {@code null}, is an HTTP status code from 100 to 599.
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = HttpStatusValueValidator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpStatusValue {

	/**
	 * Message of a violation: the rule.
	 * @return the message
	 */
	String message() default "must be an HTTP status code from 100 to 599";

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
