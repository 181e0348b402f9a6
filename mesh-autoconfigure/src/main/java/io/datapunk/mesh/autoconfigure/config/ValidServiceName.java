package io.datapunk.mesh.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import io.datapunk.mesh.internal.config.ServiceNames;

/**
 * The annotated string, if not {@code null}, is a service name that follows
 * {@link ServiceNames#RULE}.
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = ServiceNameValidator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidServiceName {

	/**
	 * Message of a violation: the rule.
	 * @return the message
	 */
	String message() default "must be " + ServiceNames.RULE;

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
