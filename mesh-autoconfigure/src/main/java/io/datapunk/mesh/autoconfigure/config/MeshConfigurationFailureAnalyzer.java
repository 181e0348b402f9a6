package io.datapunk.mesh.autoconfigure.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.ServiceNames;

/**
 * Explains a {@code mesh.*} value that failed to bind or to validate: the property, the
 * value as written, where it was written, the rule and a valid example. Runs before
 * Boot's generic binding analyzers, which print neither rule nor example.
 *
 * @author datapunk mesh team
 */
class MeshConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "mesh";

	private static final Pattern MAP_KEY = Pattern.compile("(.+)\\[([^\\]]*)\\]");

	private static final String DURATION_EXAMPLE = "'500ms', '2s' or 'PT2S'";

	/** Valid examples by constraint, keyed by the last (shortest) error code. */
	private static final Map<String, String> EXAMPLES = Map.of("ValidServiceName", ServiceNames.EXAMPLE,
			"PositiveDuration", DURATION_EXAMPLE, "InstanceUri", "'http://10.0.0.7:8080' or 'https://inventory-1:8443'",
			"Pattern", "'v42' or '2026-11-21.1'", "NotNull", "the default value, by removing the property", "Ratio",
			"'0.2' or '0.5'", "Percentage", "'50' or '100'", "Min", "'3'", "Max", "'3'", "HttpStatusValue", "'503'");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!isMeshProperty(cause.getName())) {
			return null;
		}
		BindValidationException validation = findCause(cause, BindValidationException.class);
		List<Problem> problems = (validation != null) ? validationProblems(validation.getValidationErrors())
				: conversionProblem(cause);
		if (problems.isEmpty()) {
			return null;
		}
		StringBuilder description = new StringBuilder("Invalid mesh configuration:");
		StringBuilder action = new StringBuilder("Update your configuration:");
		for (Problem problem : problems) {
			description.append(String.format("%n%n    Property: %s%n    Value: %s", problem.property(),
					InvalidMeshPropertyException.quote(problem.value())));
			if (problem.origin() != null) {
				description.append(String.format("%n    Origin: %s", problem.origin()));
			}
			description.append(String.format("%n    Rule: %s", problem.rule()));
			action.append(String.format("%n    %s %s, for example %s.", problem.property(), problem.rule(),
					problem.example()));
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private static boolean isMeshProperty(ConfigurationPropertyName name) {
		return name != null && !name.isEmpty()
				&& PREFIX.equals(name.getElement(0, ConfigurationPropertyName.Form.UNIFORM));
	}

	private List<Problem> validationProblems(ValidationErrors errors) {
		List<Problem> problems = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			if (error instanceof FieldError fieldError) {
				problems.add(validationProblem(errors, fieldError));
			}
		}
		return problems;
	}

	private Problem validationProblem(ValidationErrors errors, FieldError error) {
		String property = errors.getName() + "." + toDashed(error.getField());
		ConfigurationProperty bound = findBound(errors, property);
		if (bound != null) {
			return new Problem(bound.getName().toString(), String.valueOf(bound.getValue()), bound.getOrigin(),
					error.getDefaultMessage(), exampleFor(error));
		}
		Matcher mapKey = MAP_KEY.matcher(property);
		ConfigurationProperty list = mapKey.matches() ? findBound(errors, mapKey.group(1)) : null;
		if (list != null) {
			// An element of a list written comma-separated: show the list as written.
			return new Problem(list.getName().toString(), String.valueOf(list.getValue()), list.getOrigin(),
					error.getDefaultMessage() + " (element " + error.getRejectedValue() + " is not)",
					exampleFor(error));
		}
		if (mapKey.matches() && !(error.getRejectedValue() instanceof CharSequence)) {
			// A map-key constraint: Boot reports the entry's value as rejected.
			return new Problem(mapKey.group(1) + " (key)", mapKey.group(2),
					originOfKey(errors, mapKey.group(1), mapKey.group(2)), error.getDefaultMessage(),
					exampleFor(error));
		}
		return new Problem(property, String.valueOf(error.getRejectedValue()), Origin.from(error),
				error.getDefaultMessage(), exampleFor(error));
	}

	private List<Problem> conversionProblem(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null) {
			return List.of();
		}
		ResolvableType target = cause.getTarget().getType();
		// A comma-separated list fails on one element: explain the element type.
		Class<?> type = (target.asCollection() != ResolvableType.NONE) ? target.asCollection().resolveGeneric(0)
				: target.resolve(Object.class);
		type = (type != null) ? type : Object.class;
		String rule;
		String example;
		if (Duration.class.equals(type)) {
			rule = "must be a duration greater than zero";
			example = DURATION_EXAMPLE;
		}
		else if (URI.class.equals(type)) {
			rule = "must be an instance address http://host:port or https://host:port";
			example = EXAMPLES.get("InstanceUri");
		}
		else if (Boolean.class.equals(type) || boolean.class.equals(type)) {
			rule = "must be true or false";
			example = "'true'";
		}
		else if (Class.class.equals(type)) {
			ClassNotFoundException missing = findCause(cause, ClassNotFoundException.class);
			rule = "must be fully qualified names of classes on the classpath"
					+ ((missing != null) ? " (" + missing.getMessage() + " is not found)" : "");
			example = "'java.io.IOException' or 'java.net.http.HttpTimeoutException'";
		}
		else if (type.isEnum()) {
			// As users write them: COUNT_BASED binds from count-based.
			List<String> constants = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList();
			rule = "must be one of " + String.join(", ", constants);
			example = "'" + constants.get(0) + "'";
		}
		else {
			rule = "must be convertible to " + type.getSimpleName();
			example = "a " + type.getSimpleName() + " value";
		}
		return List.of(new Problem(property.getName().toString(), String.valueOf(property.getValue()),
				property.getOrigin(), rule, example));
	}

	private static ConfigurationProperty findBound(ValidationErrors errors, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		if (name == null) {
			return null;
		}
		// Names compare equal in any form: a[b] is a.b.
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (bound.getName().equals(name)) {
				return bound;
			}
		}
		return null;
	}

	/**
	 * Return where a map key was written: the origin of the first property bound under
	 * it, such as {@code mesh.services[Inventory_Svc].instances[0]}.
	 */
	private static Origin originOfKey(ValidationErrors errors, String map, String key) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.ofIfValid(map);
		if (prefix == null) {
			return null;
		}
		int index = prefix.getNumberOfElements();
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			ConfigurationPropertyName name = bound.getName();
			if (prefix.isAncestorOf(name)
					&& key.equals(name.getElement(index, ConfigurationPropertyName.Form.ORIGINAL))) {
				return bound.getOrigin();
			}
		}
		return null;
	}

	private static String exampleFor(ObjectError error) {
		String[] codes = error.getCodes();
		String code = (codes != null && codes.length > 0) ? codes[codes.length - 1] : "";
		return EXAMPLES.getOrDefault(code, "a value that follows the rule");
	}

	/**
	 * Turn a bean path such as {@code defaults.connectTimeout} into
	 * {@code defaults.connect-timeout}.
	 */
	private static String toDashed(String field) {
		StringBuilder dashed = new StringBuilder(field.length() + 8);
		int bracketDepth = 0;
		for (char c : field.toCharArray()) {
			bracketDepth += (c == '[') ? 1 : (c == ']') ? -1 : 0;
			if (bracketDepth == 0 && Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

	private record Problem(String property, String value, Origin origin, String rule, String example) {
	}

}
