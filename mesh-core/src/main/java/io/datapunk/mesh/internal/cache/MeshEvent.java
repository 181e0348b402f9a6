package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.time.Instant;

/**
 * One event on the mesh's Redis channel.
 *
 * @param type what happened
 * @param origin the application instance that published it
 * @param serviceId the service concerned
 * @param instance the instance's address, or {@code null} for
 * {@link Type#INSTANCES_CHANGED}
 * @param until when an ejection ends (or the ended one was due to end), or {@code null}
 * for {@link Type#INSTANCES_CHANGED}
 * @param expires when the event stops being valid
 * @author datapunk mesh team
 */
public record MeshEvent(Type type, String origin, String serviceId, URI instance, Instant until, Instant expires) {

	public enum Type {

		INSTANCES_CHANGED("instances-changed"), EJECTED("ejected"), READMITTED("readmitted");

		private final String name;

		Type(String name) {
			this.name = name;
		}

		String wireName() {
			return this.name;
		}

		static Type fromWireName(String name) {
			for (Type type : values()) {
				if (type.name.equals(name)) {
					return type;
				}
			}
			return null;
		}

	}

}
