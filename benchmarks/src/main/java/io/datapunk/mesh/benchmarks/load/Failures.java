package io.datapunk.mesh.benchmarks.load;

/**
 * How a failed call is named in the error table: its exception and causes, and a short
 * message.
 *
 * @author datapunk mesh team
 */
final class Failures {

	private Failures() {
	}

	static String kindOf(Throwable failure) {
		StringBuilder kind = new StringBuilder();
		for (Throwable cause = failure; cause != null && kind.length() < 200; cause = cause.getCause()) {
			if (!kind.isEmpty()) {
				kind.append(" < ");
			}
			kind.append(cause.getClass().getSimpleName());
			if (cause.getCause() == cause) {
				break;
			}
		}
		return kind.toString();
	}

	static String messageOf(Throwable failure) {
		String message = String.valueOf(failure.getMessage()).replaceAll("\\s+", " ");
		return (message.length() > 300) ? message.substring(0, 300) + "..." : message;
	}

	static RunResult.ErrorKind errorOf(Throwable failure) {
		return new RunResult.ErrorKind(1, messageOf(failure));
	}

}
