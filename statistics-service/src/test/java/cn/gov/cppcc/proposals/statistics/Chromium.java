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
		Path profile = Files.createTempDirectory("chromium-profile");
		Process process = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run",
				"--user-data-dir=" + profile, "--virtual-time-budget=30000", "--dump-dom", url)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		byte[] out = process.getInputStream().readAllBytes();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("chromium did not finish");
		}
		return new String(out, StandardCharsets.UTF_8);
	}

}
