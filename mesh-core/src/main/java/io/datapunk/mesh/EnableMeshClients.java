package io.datapunk.mesh;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import io.datapunk.mesh.internal.client.EnableMeshClientsRegistrar;

/**
 * Registers the {@link MeshClient} interfaces of more packages than the application's
 * auto-configuration packages, which are always scanned.
 *
 * @since 0.1.0
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(EnableMeshClientsRegistrar.class)
public @interface EnableMeshClients {

	/**
	 * Packages to scan for {@link MeshClient} interfaces.
	 * @return the package names
	 */
	String[] basePackages() default {};

	/**
	 * Classes whose packages are scanned for {@link MeshClient} interfaces; a type-safe
	 * alternative to {@link #basePackages()}. With neither, the package of the annotated
	 * class is scanned.
	 * @return the classes
	 */
	Class<?>[] basePackageClasses() default {};

}
