package io.datapunk.mesh.architecture;

import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.datapunk.mesh.architecture.MeshPackages.API;
import static io.datapunk.mesh.architecture.MeshPackages.GLUE;
import static io.datapunk.mesh.architecture.MeshPackages.INTERNAL;
import static io.datapunk.mesh.architecture.MeshPackages.SPI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees of the API and the SPI names no internal type: a public or protected
 * signature (supertypes, fields, constructors, methods, their generic arguments and
 * exceptions) uses only API, SPI, the JDK and the libraries. The SPI, which users
 * implement, does not even use the engine inside.
 */
class PublicApiTests {

	private static final PackageMatchers NOT_API = PackageMatchers.of(INTERNAL, GLUE);

	private final JavaClasses classes = MeshPackages.mainClasses();

	@Test
	void apiAndSpiSignaturesExposeNoInternalType() {
		// Positive control: an engine class whose constructor takes engine types is seen.
		assertThat(classes().that()
			.haveFullyQualifiedName("io.datapunk.mesh.internal.cache.CachingMeshDiscovery")
			.should(exposeNoInternalType())
			.evaluate(this.classes)
			.hasViolation()).isTrue();
		classes().that()
			.resideInAnyPackage(API, SPI)
			.and()
			.arePublic()
			.should(exposeNoInternalType())
			.because("a user of the API or SPI must never need a type that may change without notice")
			.check(this.classes);
	}

	@Test
	void spiUsesNoEngineType() {
		// Positive control: the API is seen to use the engine (its @Import of the
		// registrar).
		assertThat(MeshPackages.dependsOn(this.classes, "io.datapunk.mesh.EnableMeshClients", INTERNAL)).isTrue();
		ArchRule rule = noClasses().that()
			.resideInAPackage(SPI)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(INTERNAL, GLUE)
			.because("an SPI implementation must compile against the API and SPI alone");
		rule.check(this.classes);
	}

	static ArchCondition<JavaClass> exposeNoInternalType() {
		return new ArchCondition<>("expose no internal or glue type in a public or protected signature") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Stream<JavaType> supertypes = Stream.concat(javaClass.getSuperclass().stream(),
						javaClass.getInterfaces().stream());
				supertypes.flatMap((type) -> type.getAllInvolvedRawTypes().stream())
					.filter(PublicApiTests::isInternal)
					.forEach((type) -> events.add(SimpleConditionEvent.violated(javaClass,
							javaClass.getName() + " extends or implements " + type.getName())));
				Stream.concat(javaClass.getFields().stream(), javaClass.getCodeUnits().stream())
					.filter(PublicApiTests::isVisible)
					.forEach((member) -> involvedTypes(member).stream()
						.filter(PublicApiTests::isInternal)
						.forEach((type) -> events.add(SimpleConditionEvent.violated(member,
								member.getFullName() + " exposes " + type.getName()))));
			}

		};
	}

	private static Set<JavaClass> involvedTypes(JavaMember member) {
		if (member instanceof JavaField field) {
			return field.getType().getAllInvolvedRawTypes();
		}
		return ((JavaCodeUnit) member).getAllInvolvedRawTypes();
	}

	private static boolean isVisible(JavaMember member) {
		Set<JavaModifier> modifiers = member.getModifiers();
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

	private static boolean isInternal(JavaClass type) {
		return NOT_API.test(type.getBaseComponentType().getPackageName());
	}

}
