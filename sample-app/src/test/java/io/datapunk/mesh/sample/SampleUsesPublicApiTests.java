package io.datapunk.mesh.sample;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sample, its tests included, is written as any application would be: on the mesh's
 * public API ({@code io.datapunk.mesh}), its SPI and {@code mesh.*} keys, never on the
 * engine ({@code io.datapunk.mesh.internal}) or the Spring Boot glue
 * ({@code io.datapunk.mesh.autoconfigure}). The test servers of mesh-test-support are
 * fair game for its tests, as for users' tests.
 */
class SampleUsesPublicApiTests {

	private final JavaClasses sample = new ClassFileImporter().importPackages("io.datapunk.mesh.sample");

	@Test
	void sampleUsesOnlyThePublicApiAndSpi() {
		// Positive control: the sample's use of the API is seen.
		classes().that()
			.haveFullyQualifiedName("io.datapunk.mesh.sample.storefront.InventoryClient")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.datapunk.mesh.MeshClient")
			.check(this.sample);
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.datapunk.mesh.internal..", "io.datapunk.mesh.autoconfigure..")
			.because("the sample shows what an application may use: the public API and SPI")
			.check(this.sample);
	}

}
