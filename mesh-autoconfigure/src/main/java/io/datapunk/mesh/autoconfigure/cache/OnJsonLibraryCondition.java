package io.datapunk.mesh.autoconfigure.cache;

import io.datapunk.mesh.internal.support.MeshJson;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * Matches when the engine can write and read its JSON: with Jackson 3 (Spring Boot 4's)
 * or Jackson 2 (Spring Boot 3.5's), whichever the application has. A condition on one of
 * them alone would switch the Redis tier off on the other line without a word.
 *
 * @author datapunk mesh team
 */
class OnJsonLibraryCondition extends AnyNestedCondition {

	OnJsonLibraryCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnClass(name = MeshJson.JACKSON_3)
	static class Jackson3 {

	}

	@ConditionalOnClass(name = MeshJson.JACKSON_2)
	static class Jackson2 {

	}

}
