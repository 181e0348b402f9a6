package io.datapunk.mesh;

import io.datapunk.mesh.internal.config.ServiceNames;

/**
 * Thrown when a service name does not follow {@link ServiceNames#RULE}; it carries where
 * the name came from and the bad value so that startup can report both.
 *
 * @since 0.1.0
 */
public class InvalidServiceNameException extends InvalidMeshPropertyException {

	/**
	 * Create a new exception.
	 * @param origin where the name came from, such as {@code mesh.service-name}
	 * @param value the bad name, may be {@code null}
	 */
	public InvalidServiceNameException(String origin, String value) {
		super("Invalid service name " + quote(value) + " in " + origin + ": must be " + ServiceNames.RULE
				+ ", for example " + ServiceNames.EXAMPLE, origin, value, "must be " + ServiceNames.RULE,
				ServiceNames.EXAMPLE);
	}

	/**
	 * Return where the bad name came from.
	 * @return the origin, such as {@code mesh.service-name}
	 */
	public String getOrigin() {
		return getProperty();
	}

}
