package io.datapunk.mesh.autoconfigure.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import io.datapunk.mesh.InvalidMeshPropertyException;

/**
 * Explains an {@link InvalidMeshPropertyException} (a bad service name among them) that
 * stopped startup: where the value came from, the value, the rule and a valid example.
 *
 * @author datapunk mesh team
 */
class InvalidMeshPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMeshPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMeshPropertyException cause) {
		String description = "Invalid mesh configuration:" + System.lineSeparator() + System.lineSeparator()
				+ "    Property: " + cause.getProperty() + System.lineSeparator() + "    Value: "
				+ InvalidMeshPropertyException.quote(cause.getValue()) + System.lineSeparator() + "    Rule: "
				+ cause.getRule();
		String action = "Update " + cause.getProperty() + ": it " + cause.getRule() + ", for example "
				+ cause.getExample() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
