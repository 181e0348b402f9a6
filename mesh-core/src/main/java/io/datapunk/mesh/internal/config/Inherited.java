package io.datapunk.mesh.internal.config;

/**
 * Picks a setting's effective value: the service's own, else the one in
 * {@code mesh.defaults}, else the built-in one.
 *
 * @author datapunk mesh team
 */
public final class Inherited {

	private Inherited() {
	}

	public static <T> T pick(T service, T defaults, T builtIn) {
		return (service != null) ? service : (defaults != null) ? defaults : builtIn;
	}

}
