package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.InvalidServiceNameException;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.client.MeshClientFactory;

/**
 * User info written into a mesh URL ({@code http://user:password@service/...}) never
 * reaches an exception message.
 */
class UserInfoSecretsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient());

	@Test
	void invalidHostWithUserInfoShouldBeReportedWithoutIt() {
		this.contextRunner.run((context) -> {
			RestClient client = context.getBean(MeshClientFactory.class).restClientBuilder().build();
			assertThatExceptionOfType(InvalidServiceNameException.class)
				.isThrownBy(
						() -> client.get().uri("http://admin:s3cret-pw@Bad_Host/items/1").retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("Bad_Host")
					.doesNotContain("s3cret-pw")
					.doesNotContain("admin"));
		});
	}

}
