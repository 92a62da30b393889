package cn.gov.cppcc.proposals.statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium from the command line: the DOM of a page after its scripts ran.
 */
final class Chromium {

	private Chromium() {
	}

	static Path binary() {
		for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	static String dumpDom(String url) throws IOException, InterruptedException {
		return run("--dump-dom", url);
	}

	/**
	 * A picture of the page at phone size, for people to look at
	 * (target/dashboard-phone.png).
	 */
	static void screenshot(String url, Path file) throws IOException, InterruptedException {
		run("--screenshot=" + file.toAbsolutePath(), "--window-size=420,1500", url);
	}

	private static String run(String... arguments) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory("chromium-profile");
		List<String> command = new java.util.ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run",
				"--hide-scrollbars", "--user-data-dir=" + profile, "--virtual-time-budget=30000"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] out = process.getInputStream().readAllBytes();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("chromium did not finish");
		}
		return new String(out, StandardCharsets.UTF_8);
	}

}
