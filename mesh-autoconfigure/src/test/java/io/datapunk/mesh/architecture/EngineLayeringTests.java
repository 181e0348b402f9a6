package io.datapunk.mesh.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.datapunk.mesh.architecture.MeshPackages.GLUE;
import static io.datapunk.mesh.architecture.MeshPackages.INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's packages depend one way (docs/architecture.md): client → engine →
 * resilience → balancer → cache → discovery → config, with support below them all; health
 * and observability only read, and nothing in the engine reads them. API and SPI may be
 * used from anywhere, so they are not layers here. Engine classes that still use the glue
 * are {@link EngineWithoutSpringBootTests}'s concern.
 */
class EngineLayeringTests {

	private static final String CLIENT = "client";

	private static final String ENGINE = "engine";

	private static final String RESILIENCE = "resilience";

	private static final String BALANCER = "balancer";

	private static final String CACHE = "cache";

	private static final String DISCOVERY = "discovery";

	private static final String CONFIG = "config";

	private static final String SUPPORT = "support";

	private static final String HEALTH = "health";

	private static final String OBSERVABILITY = "observability";

	private static final String GLUE_LAYER = "Spring Boot glue";

	private final JavaClasses classes = MeshPackages.mainClasses();

	@Test
	void enginePackagesDependOneWay() {
		// Positive control: the rule sees dependencies between engine packages.
		assertThat(MeshPackages.dependsOn(this.classes, "io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory",
				"io.datapunk.mesh.internal.resilience.."))
			.isTrue();
		layering().check(this.classes);
	}

	@Test
	void enginePackagesHaveNoCycles() {
		ArchRule rule = slices().matching("io.datapunk.mesh.internal.(**)")
			.should()
			.beFreeOfCycles()
			.because("each engine package builds on the ones below it");
		rule.check(this.classes);
	}

	static ArchRule layering() {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer(CLIENT)
			.definedBy(internal(CLIENT))
			.optionalLayer(ENGINE)
			.definedBy(internal(ENGINE))
			.layer(RESILIENCE)
			.definedBy(internal(RESILIENCE))
			.layer(BALANCER)
			.definedBy(internal(BALANCER))
			.layer(CACHE)
			.definedBy(internal(CACHE))
			.layer(DISCOVERY)
			.definedBy(internal(DISCOVERY))
			.layer(CONFIG)
			.definedBy(internal(CONFIG))
			.optionalLayer(SUPPORT)
			.definedBy(internal(SUPPORT))
			.layer(HEALTH)
			.definedBy(internal(HEALTH))
			.layer(OBSERVABILITY)
			.definedBy(internal(OBSERVABILITY))
			.layer(GLUE_LAYER)
			.definedBy(GLUE)
			.whereLayer(CLIENT)
			.mayOnlyBeAccessedByLayers(GLUE_LAYER)
			.whereLayer(ENGINE)
			.mayOnlyBeAccessedByLayers(CLIENT, GLUE_LAYER)
			.whereLayer(RESILIENCE)
			.mayOnlyBeAccessedByLayers(CLIENT, ENGINE, HEALTH, OBSERVABILITY, GLUE_LAYER)
			.whereLayer(BALANCER)
			.mayOnlyBeAccessedByLayers(CLIENT, ENGINE, RESILIENCE, HEALTH, OBSERVABILITY, GLUE_LAYER)
			.whereLayer(CACHE)
			.mayOnlyBeAccessedByLayers(CLIENT, ENGINE, RESILIENCE, BALANCER, HEALTH, OBSERVABILITY, GLUE_LAYER)
			.whereLayer(DISCOVERY)
			.mayOnlyBeAccessedByLayers(CLIENT, ENGINE, RESILIENCE, BALANCER, CACHE, HEALTH, OBSERVABILITY, GLUE_LAYER)
			.whereLayer(CONFIG)
			.mayOnlyBeAccessedByLayers(CLIENT, ENGINE, RESILIENCE, BALANCER, CACHE, DISCOVERY, HEALTH, OBSERVABILITY,
					GLUE_LAYER)
			.whereLayer(HEALTH)
			.mayOnlyBeAccessedByLayers(OBSERVABILITY, GLUE_LAYER)
			.whereLayer(OBSERVABILITY)
			.mayOnlyBeAccessedByLayers(GLUE_LAYER)
			// A new engine package must take its place in the order above.
			.ensureAllClassesAreContainedInArchitectureIgnoring(
					not(resideInAPackage(INTERNAL)).or(simpleName("package-info")))
			.because("a package builds only on the packages below it (docs/architecture.md)");
	}

	private static String internal(String area) {
		return "io.datapunk.mesh.internal." + area + "..";
	}

}
