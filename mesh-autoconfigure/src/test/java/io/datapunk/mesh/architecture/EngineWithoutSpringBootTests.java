package io.datapunk.mesh.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.datapunk.mesh.architecture.MeshPackages.API;
import static io.datapunk.mesh.architecture.MeshPackages.GLUE;
import static io.datapunk.mesh.architecture.MeshPackages.INTERNAL;
import static io.datapunk.mesh.architecture.MeshPackages.SPI;
import static io.datapunk.mesh.architecture.MeshPackages.SPRING_BOOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine, the API and the SPI (what goes to mesh-core) use no Spring Boot type and
 * none of the Boot glue under {@code io.datapunk.mesh.autoconfigure}: mesh-core must run
 * without Spring Boot, on Spring Framework 6.2 and 7.
 */
class EngineWithoutSpringBootTests {

	private final JavaClasses classes = MeshPackages.mainClasses();

	@Test
	void engineApiAndSpiUseNoSpringBootNorGlue() {
		// Positive control: the check sees a Boot dependency where there is one.
		assertThat(MeshPackages.dependsOn(this.classes, "io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration",
				SPRING_BOOT))
			.isTrue();
		engineUsesNoBootNorGlue().check(this.classes);
	}

	static ArchRule engineUsesNoBootNorGlue() {
		return noClasses().that()
			.resideInAnyPackage(API, SPI, INTERNAL)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(SPRING_BOOT, GLUE)
			.because("mesh-core (API, SPI, engine) must not need Spring Boot; the glue depends on the engine,"
					+ " never the other way (docs/architecture.md)");
	}

}
