package io.datapunk.mesh.sample;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the metric names out of a PromQL query of a Grafana panel: what is left once
 * label matchers, strings, ranges, grouping clauses, Grafana variables, functions,
 * operators and numbers are taken away.
 */
final class GrafanaQueries {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan");

	private GrafanaQueries() {
	}

	static Set<String> metricNames(String query) {
		String stripped = query.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\$\\{?[a-zA-Z_]+}?", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String name = matcher.group();
			boolean function = stripped.substring(matcher.end()).stripLeading().startsWith("(");
			boolean partOfNumber = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
			if (!function && !partOfNumber && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
