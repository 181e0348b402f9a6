package io.datapunk.mesh.benchmarks;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the benchmarks may use of the mesh. The load scenarios measure the mesh as an
 * application gets it, so they use only the public API and SPI. The JMH benchmarks
 * measure engine parts one by one (a balancer's choice, a near-cache hit, the pipeline
 * against a stub transport), which no public type offers at that grain: they may use the
 * engine ({@code io.datapunk.mesh.internal}), and change with it, but not the Spring Boot
 * glue (see RESULTS.md, "What the benchmarks use").
 */
class BenchmarkArchitectureTests {

	private static final String INTERNAL = "io.datapunk.mesh.internal..";

	private static final String GLUE = "io.datapunk.mesh.autoconfigure..";

	private static final String JMH = "io.datapunk.mesh.benchmarks.jmh..";

	/**
	 * JMH benchmarks that build the engine the way the auto-configuration does, so that
	 * they measure what applications run: settings resolved from {@code MeshProperties}
	 * ({@code DiscoveryBenchmark}) and the Boot-built per-service transports
	 * ({@code PipelineBenchmark}). Each stays on the list only while it uses the glue
	 * ({@link #temporaryExceptionsStillUseTheGlue} says when one no longer does).
	 */
	static final Set<String> TEMPORARILY_USING_GLUE = Set.of("io.datapunk.mesh.benchmarks.jmh.DiscoveryBenchmark",
			"io.datapunk.mesh.benchmarks.jmh.PipelineBenchmark");

	private final JavaClasses benchmarks = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.datapunk.mesh.benchmarks");

	@Test
	void loadBenchmarksUseOnlyThePublicApiAndSpi() {
		// Positive control: the load benchmark's use of the SPI is seen.
		assertThat(
				dependsOn("io.datapunk.mesh.benchmarks.load.mesh.MeshBenchmarkApplication", "io.datapunk.mesh.spi.."))
			.isTrue();
		noClasses().that()
			.resideOutsideOfPackage(JMH)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(INTERNAL, GLUE)
			.because("the load scenarios measure the mesh as an application uses it")
			.check(this.benchmarks);
	}

	@Test
	void jmhBenchmarksMayUseTheEngineButNotTheGlue() {
		// Positive control: the JMH benchmarks do use the engine, which is why they may.
		assertThat(dependsOn("io.datapunk.mesh.benchmarks.jmh.LoadBalancerBenchmark", INTERNAL)).isTrue();
		noClasses().that()
			.resideInAPackage(JMH)
			.and(temporarilyAllowed().negate())
			.should()
			.dependOnClassesThat()
			.resideInAPackage(GLUE)
			.because("the JMH benchmarks measure the engine, which runs without Spring Boot")
			.check(this.benchmarks);
	}

	@Test
	void temporaryExceptionsStillUseTheGlue() {
		Set<String> noLongerNeeded = new TreeSet<>();
		for (String name : TEMPORARILY_USING_GLUE) {
			if (!dependsOn(name, GLUE)) {
				noLongerNeeded.add(name);
			}
		}
		assertThat(noLongerNeeded)
			.as("classes on TEMPORARILY_USING_GLUE that no longer exist or no longer use the glue: take them off")
			.isEmpty();
	}

	private boolean dependsOn(String topLevelName, String... packages) {
		return this.benchmarks.stream()
			.filter((javaClass) -> topLevelName(javaClass).equals(topLevelName))
			.flatMap((javaClass) -> javaClass.getDirectDependenciesFromSelf().stream())
			.anyMatch((dependency) -> PackageMatchers.of(packages)
				.test(dependency.getTargetClass().getBaseComponentType().getPackageName()));
	}

	private static DescribedPredicate<JavaClass> temporarilyAllowed() {
		return DescribedPredicate.describe("on the temporary list TEMPORARILY_USING_GLUE",
				(javaClass) -> TEMPORARILY_USING_GLUE.contains(topLevelName(javaClass)));
	}

	private static String topLevelName(JavaClass javaClass) {
		String name = javaClass.getName();
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

}
