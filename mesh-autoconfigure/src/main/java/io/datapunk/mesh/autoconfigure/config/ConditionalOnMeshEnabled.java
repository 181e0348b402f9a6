package io.datapunk.mesh.autoconfigure.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code mesh.enabled} is {@code false}.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = ConditionalOnMeshEnabled.PROPERTY, matchIfMissing = true)
public @interface ConditionalOnMeshEnabled {

	/**
	 * The property that switches the whole mesh on and off.
	 */
	String PROPERTY = "mesh.enabled";

}
