package io.datapunk.mesh.boot4;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configurations the mesh's are ordered after or before, and the classes their
 * conditions name, exist on Boot 4: a name that does not is ignored without a word, so an
 * ordering (Redis before the mesh's Redis tier, Resilience4j's registry before the mesh's
 * breakers) or a whole capability would be lost silently. The only absent names allowed
 * are the Boot 3.5 ones listed beside their Boot 4 counterparts in the glue both lines
 * share.
 */
class AutoConfigurationNamesTests {

	private static final Set<String> BOOT3_ONLY = Set.of(
			"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
			"io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
			"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration");

	@Test
	void everyNamedClassShouldBeOnTheBoot4ClassPathOrBeABoot3NameBesideItsTwin() throws IOException {
		Properties metadata = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-autoconfigure-metadata.properties")) {
			metadata.load(in);
		}
		Set<String> named = new TreeSet<>();
		metadata.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith("io.datapunk.mesh.") && (key.endsWith(".AutoConfigureAfter")
					|| key.endsWith(".AutoConfigureBefore") || key.endsWith(".ConditionalOnClass")))
			.forEach((key) -> named.addAll(Arrays.asList(metadata.getProperty(key).split(","))));
		assertThat(named).contains("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"org.springframework.boot.health.contributor.HealthContributor",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration");
		Set<String> absent = new TreeSet<>(named);
		absent.removeIf((name) -> ClassUtils.isPresent(name, getClass().getClassLoader()));
		assertThat(absent).isEqualTo(new TreeSet<>(BOOT3_ONLY));
	}

}
