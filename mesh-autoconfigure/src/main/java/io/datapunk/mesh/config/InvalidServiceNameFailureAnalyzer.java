package io.datapunk.mesh.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidServiceNameException} that stopped startup: where the name
 * came from, the name, the rule and a valid example.
 *
 * @author datapunk mesh team
 */
class InvalidServiceNameFailureAnalyzer extends AbstractFailureAnalyzer<InvalidServiceNameException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidServiceNameException cause) {
		String description = "Invalid mesh service name:" + System.lineSeparator() + System.lineSeparator()
				+ "    Property: " + cause.getOrigin() + System.lineSeparator() + "    Value: "
				+ InvalidServiceNameException.quote(cause.getValue()) + System.lineSeparator() + "    Rule: "
				+ ServiceNames.RULE;
		String action = "Update " + cause.getOrigin() + " to a valid service name, for example " + ServiceNames.EXAMPLE
				+ ".";
		return new FailureAnalysis(description, action, cause);
	}

}
