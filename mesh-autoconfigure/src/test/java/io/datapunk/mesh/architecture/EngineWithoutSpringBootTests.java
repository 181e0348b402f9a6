package io.datapunk.mesh.architecture;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

	/**
	 * Engine classes that still use Boot or the glue (Properties classes,
	 * {@code ServiceTransports}, {@code SettingsRules}, Boot's HTTP client builder and
	 * SSL bundles), while the engine is being cut loose from them. TEMPORARY: take a
	 * class off as soon as it no longer does ({@link #temporaryExceptionsStillUseBoot}
	 * says when); the list must end empty.
	 */
	static final Set<String> TEMPORARILY_USING_BOOT_OR_GLUE = Set.of(
			// settings resolved from the *Properties classes
			"io.datapunk.mesh.internal.config.MeshSettings", "io.datapunk.mesh.internal.config.CircuitBreakerSettings",
			"io.datapunk.mesh.internal.config.OutlierDetectionSettings",
			"io.datapunk.mesh.internal.config.RetryBudgetSettings", "io.datapunk.mesh.internal.config.RetrySettings",
			"io.datapunk.mesh.internal.config.TlsSettings",
			"io.datapunk.mesh.internal.resilience.CircuitBreakerConfigs",
			"io.datapunk.mesh.internal.cache.CachingMeshDiscovery", "io.datapunk.mesh.internal.cache.MeshRedis",
			"io.datapunk.mesh.internal.discovery.consul.ConsulRegistrar",
			"io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches",
			"io.datapunk.mesh.internal.discovery.consul.ServiceWatch",
			"io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient",
			"io.datapunk.mesh.internal.discovery.dns.DnsResolverSettings",
			// ServiceTransports, Boot's ClientHttpRequestFactoryBuilder and SslBundles
			"io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory",
			"io.datapunk.mesh.internal.client.MeshCallExecutor");

	private final JavaClasses classes = MeshPackages.mainClasses();

	@Test
	void engineApiAndSpiUseNoSpringBootNorGlue() {
		// Positive control: the check sees a Boot dependency where there is one.
		assertThat(MeshPackages.dependsOn(this.classes, "io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration",
				SPRING_BOOT))
			.isTrue();
		engineUsesNoBootNorGlue().check(this.classes);
	}

	@Test
	void temporaryExceptionsStillUseBoot() {
		Set<String> noLongerNeeded = new TreeSet<>();
		for (String name : TEMPORARILY_USING_BOOT_OR_GLUE) {
			if (!MeshPackages.dependsOn(this.classes, name, SPRING_BOOT, GLUE)) {
				noLongerNeeded.add(name);
			}
		}
		assertThat(noLongerNeeded)
			.as("classes on TEMPORARILY_USING_BOOT_OR_GLUE that no longer exist or no longer use Boot or the glue:"
					+ " take them off the list")
			.isEmpty();
	}

	static ArchRule engineUsesNoBootNorGlue() {
		return noClasses().that()
			.resideInAnyPackage(API, SPI, INTERNAL)
			.and(temporarilyAllowed().negate())
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(SPRING_BOOT, GLUE)
			.because("mesh-core (API, SPI, engine) must not need Spring Boot; the glue depends on the engine,"
					+ " never the other way (docs/architecture.md)");
	}

	private static DescribedPredicate<JavaClass> temporarilyAllowed() {
		return DescribedPredicate.describe("on the temporary list TEMPORARILY_USING_BOOT_OR_GLUE",
				(javaClass) -> TEMPORARILY_USING_BOOT_OR_GLUE.contains(MeshPackages.topLevelName(javaClass)));
	}

}
