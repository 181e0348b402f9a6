package io.datapunk.mesh.internal.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.InvalidServiceNameException;

/**
 * The service-name rule: a DNS label in lowercase.
 */
class ServiceNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "inventory", "order-service-2", "a1", "x-y-z",
			"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk" })
	void validNamesShouldBeAccepted(String name) {
		assertThat(ServiceNames.isValid(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Inventory", "inventory_svc", "1inventory", "-inventory", "inventory-",
			"inventory svc", "inventory;rm", "inventory.local", "inventory\n", "ïnventory",
			"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl" })
	void invalidNamesShouldBeRefused(String name) {
		assertThat(ServiceNames.isValid(name)).isFalse();
		assertThatExceptionOfType(InvalidServiceNameException.class)
			.isThrownBy(() -> ServiceNames.requireValid(name, "test"))
			.withMessageContaining("in test: must be lowercase letters");
	}

	@org.junit.jupiter.api.Test
	void controlCharactersShouldBeEscapedInMessages() {
		assertThatExceptionOfType(InvalidServiceNameException.class)
			.isThrownBy(() -> ServiceNames.requireValid("bad\nname", "test"))
			.withMessageStartingWith("Invalid service name \"bad\\u000aname\"");
	}

}
