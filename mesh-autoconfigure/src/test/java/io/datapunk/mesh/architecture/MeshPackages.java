package io.datapunk.mesh.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The packages the architecture rules speak of (docs/architecture.md), and the mesh's
 * main classes, imported once for all the rules.
 */
final class MeshPackages {

	/** The public API: annotations, exceptions, the event; this package only. */
	static final String API = "io.datapunk.mesh";

	/** What applications and libraries plug in. */
	static final String SPI = "io.datapunk.mesh.spi..";

	/** The engine: everything that goes to mesh-core apart from API and SPI. */
	static final String INTERNAL = "io.datapunk.mesh.internal..";

	/** The Spring Boot glue. */
	static final String GLUE = "io.datapunk.mesh.autoconfigure..";

	static final String SPRING_BOOT = "org.springframework.boot..";

	private MeshPackages() {
	}

	/**
	 * Return the mesh's main classes (no test classes; the test servers of
	 * mesh-test-support come along under {@code io.datapunk.mesh.test} and no rule speaks
	 * of them).
	 * @return the classes
	 */
	static JavaClasses mainClasses() {
		return Holder.CLASSES;
	}

	/**
	 * Tell whether a class (or any of its nested and anonymous classes, which ArchUnit
	 * sees apart) depends directly on a class in one of the packages.
	 * @param classes the imported classes
	 * @param topLevelName the fully-qualified name of a top-level class
	 * @param packages ArchUnit package identifiers, such as
	 * {@code org.springframework.boot..}
	 * @return whether it does
	 */
	static boolean dependsOn(JavaClasses classes, String topLevelName, String... packages) {
		return classes.stream()
			.filter((javaClass) -> topLevelName(javaClass).equals(topLevelName))
			.flatMap((javaClass) -> javaClass.getDirectDependenciesFromSelf().stream())
			.anyMatch((dependency) -> PackageMatchers.of(packages)
				.test(dependency.getTargetClass().getBaseComponentType().getPackageName()));
	}

	static String topLevelName(JavaClass javaClass) {
		String name = javaClass.getName();
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

	private static final class Holder {

		static final JavaClasses CLASSES = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.datapunk.mesh");

	}

}
