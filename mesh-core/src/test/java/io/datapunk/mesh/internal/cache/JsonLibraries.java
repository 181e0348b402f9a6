package io.datapunk.mesh.internal.cache;

import java.util.stream.Stream;

import io.datapunk.mesh.internal.support.MeshJson;

/**
 * Both JSON implementations, for tests that must hold on either Spring Boot line.
 */
final class JsonLibraries {

	private JsonLibraries() {
	}

	static Stream<MeshJson> both() {
		return Stream.of(MeshJson.jackson3(), MeshJson.jackson2());
	}

}
