package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fault drill found: figures (printed in order) and failed checks. A drill runs
 * every check, then prints one {@code DRILL <name> PASS|FAIL} line with its figures (also
 * appended to {@code target/drill-results.txt}, which {@code bench/drills/*.sh} show),
 * and fails the test if any check failed.
 */
final class DrillReport {

	private final String name;

	private final long started = System.nanoTime();

	private final Map<String, Object> figures = Collections.synchronizedMap(new LinkedHashMap<>());

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	DrillReport(String name) {
		this.name = name;
		System.out.println("DRILL " + name + " started " + now());
	}

	void figure(String key, Object value) {
		this.figures.put(key, value);
		System.out.println("DRILL " + this.name + " " + key + "=" + value);
	}

	/**
	 * Records a failed check unless {@code ok}; a drill goes on checking after a failure.
	 */
	boolean check(boolean ok, String what, Object... args) {
		if (!ok) {
			String text = String.format(what, args);
			this.failures.add(text);
			System.out.println("DRILL " + this.name + " CHECK FAILED: " + text);
		}
		return ok;
	}

	List<String> failures() {
		return this.failures;
	}

	/**
	 * Prints the verdict and fails the test when a check failed.
	 */
	void finish() {
		Duration took = Duration.ofNanos(System.nanoTime() - this.started);
		boolean pass = this.failures.isEmpty();
		StringBuilder line = new StringBuilder();
		line.append("DRILL ")
			.append(this.name)
			.append(pass ? " PASS" : " FAIL")
			.append(" date=")
			.append(now())
			.append(" duration=")
			.append(took.toSeconds())
			.append("s");
		synchronized (this.figures) {
			this.figures.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
		}
		if (!pass) {
			line.append(" failures=")
				.append(this.failures.size())
				.append(" first=\"")
				.append(this.failures.get(0))
				.append('"');
		}
		System.out.println(line);
		try {
			Path file = Path.of(System.getProperty("drill.results", "target/drill-results.txt"));
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!pass) {
			throw new AssertionError("DRILL " + this.name + " FAIL: "
					+ String.join("; ", this.failures.subList(0, Math.min(10, this.failures.size()))));
		}
	}

	private static String now() {
		return OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).substring(0, 19) + "Z";
	}

	/**
	 * Latencies in milliseconds, for figures.
	 */
	static final class Latencies {

		private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());

		void add(long ms) {
			this.millis.add(ms);
		}

		int count() {
			return this.millis.size();
		}

		long percentile(double p) {
			List<Long> sorted;
			synchronized (this.millis) {
				sorted = new ArrayList<>(this.millis);
			}
			if (sorted.isEmpty()) {
				return -1;
			}
			Collections.sort(sorted);
			int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
		}

		long max() {
			return percentile(100);
		}

		@Override
		public String toString() {
			return "n" + count() + "/p50:" + percentile(50) + "ms/p99:" + percentile(99) + "ms/max:" + max() + "ms";
		}

	}

}
