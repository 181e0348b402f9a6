package io.datapunk.mesh.test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Spring Security is on the test class path for the tests of the secured write operation
 * only: every other test application runs as it would without it (no default login in
 * front of its endpoints), unless it sets {@value #PROPERTY}{@code =true}.
 */
public class SpringSecurityOnlyWhenAsked implements AutoConfigurationImportFilter, EnvironmentAware {

	/** The property that lets Spring Security's auto-configurations in. */
	public static final String PROPERTY = "mesh.test.spring-security";

	/** Spring Boot 3.5's packages, then Boot 4's (its security module). */
	private static final String[] SECURITY_PACKAGES = { "org.springframework.boot.autoconfigure.security.",
			"org.springframework.boot.actuate.autoconfigure.security.", "org.springframework.boot.security." };

	private boolean enabled;

	@Override
	public void setEnvironment(Environment environment) {
		this.enabled = environment.getProperty(PROPERTY, Boolean.class, false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			matches[i] = this.enabled || !isSecurity(autoConfigurationClasses[i]);
		}
		return matches;
	}

	private static boolean isSecurity(String autoConfigurationClass) {
		if (autoConfigurationClass == null) {
			return false;
		}
		for (String prefix : SECURITY_PACKAGES) {
			if (autoConfigurationClass.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
