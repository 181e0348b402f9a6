package io.datapunk.mesh.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's {@code chromium} run headless, once per page: with a new profile each time,
 * without the sandbox (tests may run as root) and without any traffic of its own, it
 * loads a page, lets its scripts run for a few seconds of virtual time, and prints the
 * DOM or takes a screenshot.
 */
final class HeadlessChromium {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	private HeadlessChromium() {
	}

	static boolean isInstalled() {
		return Files.isExecutable(BINARY);
	}

	static String dumpDom(String url) throws IOException, InterruptedException {
		return run(url, "--dump-dom");
	}

	static void screenshot(String url, Path file) throws IOException, InterruptedException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		run(url, "--screenshot=" + file.toAbsolutePath(), "--window-size=1280,760", "--hide-scrollbars");
	}

	private static String run(String url, String... action) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory("mesh-chromium");
		try {
			List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
					"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
					"--user-data-dir=" + profile, "--virtual-time-budget=4000"));
			command.addAll(List.of(action));
			command.add(url);
			Path output = profile.resolve("stdout.html");
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException("chromium did not finish within 90 s on " + url);
			}
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		finally {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

}
