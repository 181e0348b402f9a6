package io.datapunk.mesh.internal.cache;

import java.util.UUID;

import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * This application instance's id in mesh events and shared lists: its mesh name and a
 * random UUID, made once per application context.
 *
 * @param id the id
 * @author datapunk mesh team
 */
public record MeshOrigin(String id) {

	public static MeshOrigin create(MeshSettings settings) {
		String name = (settings.getServiceName() != null) ? settings.getServiceName() : "application";
		return new MeshOrigin(name + ":" + UUID.randomUUID());
	}

}
