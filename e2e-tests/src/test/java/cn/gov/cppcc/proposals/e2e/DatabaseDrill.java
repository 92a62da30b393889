package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

/**
 * Fault drill: the embedded MariaDB of run.sh is frozen with SIGSTOP for
 * {@code drill.db-seconds} (default 30) and then continued with SIGCONT: to every
 * application its database has stopped answering (connections accepted, nothing
 * answered), the hardest form of "down" for a connection pool. Meanwhile a member keeps
 * drafting and submitting and four reads (one per service's database) keep going.
 * <p>
 * While it is down: every answer is a fast 503 {@code application/problem+json} (not a
 * hang, not a 500), and each service's {@code /actuator/health} is DOWN and its readiness
 * OUT_OF_SERVICE. After it continues: everything answers again without restarting any
 * application (same PIDs), readiness is UP, and every acknowledged write is there.
 */
class DatabaseDrill {

	private static final List<String> DB_APPS = List.of("department-service", "proposal-service", "statistics-service",
			"notification-service");

	private final Platform platform = Platform.get();

	private final DrillReport report = new DrillReport("database");

	@Test
	void frozenDatabaseGivesFastFailuresAndRecoversWithoutRestarts() throws Exception {
		int downSeconds = Integer.getInteger("drill.db-seconds", 30);
		long mysqld = mysqldPid();
		this.report.figure("mysqldPid", mysqld);
		Map<String, Long> pidsBefore = new TreeMap<>();
		for (String app : DB_APPS) {
			pidsBefore.put(app, this.platform.pid(app));
		}
		for (String user : List.of("member1", "committee1")) {
			this.platform.token(user);
		}
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		Window before = new Window("before");
		Window down = new Window("down");
		Window after = new Window("after");
		AtomicReference<Window> current = new AtomicReference<>(before);
		AtomicLong stoppedAt = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		List<Future<?>> tasks = new ArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		tasks.add(pool.submit(() -> {
			for (int n = 0; !stop.get(); n++) {
				int i = n;
				String title = "数据库演练" + run + "-" + i;
				Response created = timed(current.get(), "create",
						() -> this.platform.send("POST", "/api/v1/proposals", "member1",
								Map.of("title", title, "content", "演练", "category", "其他", "suggestions", List.of("建议")),
								"Idempotency-Key", "db-drill-" + run + "-" + i));
				if (created != null && created.status() == 201) {
					String id = created.json().get("id").asString();
					Response submitted = timed(current.get(), "submit",
							() -> this.platform.post("/api/v1/proposals/" + id + "/submit", "member1", null));
					if (submitted != null && submitted.status() == 200) {
						acknowledged.add(id);
					}
				}
				KillDrill.sleep(300);
			}
		}));
		tasks.add(pool.submit(() -> {
			List<Supplier<Response>> reads = List.of(() -> this.platform.get("/api/v1/me", "member1"),
					() -> this.platform.get("/api/v1/proposals?size=5", "member1"),
					() -> this.platform.get("/api/v1/statistics/overview", "committee1"),
					() -> this.platform.get("/api/v1/notifications?size=5", "member1"));
			for (int i = 0; !stop.get(); i++) {
				timed(current.get(), "read" + (i % reads.size()), reads.get(i % reads.size()));
				KillDrill.sleep(200);
			}
		}));
		Map<String, String> healthDown = Collections.synchronizedMap(new TreeMap<>());
		tasks.add(pool.submit(() -> {
			while (!stop.get()) {
				if (current.get() == down && System.nanoTime() - stoppedAt.get() > TimeUnit.SECONDS
					.toNanos(Math.min(15, downSeconds / 2))) {
					for (String app : DB_APPS) {
						healthDown.merge(app, health(app, "") + "/" + health(app, "/readiness"),
								(a, b) -> a.contains(b) ? a : a + "," + b);
					}
				}
				KillDrill.sleep(2000);
			}
		}));

		Thread.sleep(8000);
		signal("STOP", mysqld);
		stoppedAt.set(System.nanoTime());
		current.set(down);
		try {
			Thread.sleep(downSeconds * 1000L);
		}
		finally {
			signal("CONT", mysqld);
		}
		long continued = System.nanoTime();
		current.set(after);
		// recovery: the four reads answer 200 again
		long recoveredMs = -1;
		while (System.nanoTime() - continued < TimeUnit.SECONDS.toNanos(90)) {
			if (ok(() -> this.platform.get("/api/v1/me", "member1"))
					&& ok(() -> this.platform.get("/api/v1/proposals?size=5", "member1"))
					&& ok(() -> this.platform.get("/api/v1/statistics/overview", "committee1"))
					&& ok(() -> this.platform.get("/api/v1/notifications?size=5", "member1"))) {
				recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - continued);
				break;
			}
			KillDrill.sleep(500);
		}
		Thread.sleep(10_000);
		stop.set(true);
		for (Future<?> task : tasks) {
			task.get(3, TimeUnit.MINUTES);
		}
		pool.shutdown();

		for (Window w : List.of(before, down, after)) {
			this.report.figure(w.name + ".answers", w.statuses);
			this.report.figure(w.name + ".latency", w.latency);
		}
		this.report.figure("down.failureLatency", down.failureLatency);
		this.report.figure("healthWhileDown", healthDown);
		this.report.figure("recoveredAfterContinueMs", recoveredMs);
		this.report.figure("acknowledgedSubmissions", acknowledged.size());

		this.report.check(before.failures() == 0, "before: failures %s", before.statuses);
		this.report.check(down.count("500") == 0 && after.count("500") == 0, "500 answers: down %s after %s",
				down.statuses, after.statuses);
		this.report.check(down.notProblem.get() + after.notProblem.get() == 0, "%d error answers not problem+json",
				down.notProblem.get() + after.notProblem.get());
		this.report.check(down.count("503") > 0, "no 503 while the database was down: %s", down.statuses);
		this.report.check(down.failureLatency.percentile(90) >= 0 && down.failureLatency.percentile(90) <= 5000,
				"failures while down took p90 %d ms (> 5 s: not fast)", down.failureLatency.percentile(90));
		this.report.check(down.hangs.get() == 0, "%d calls while down took longer than 15 s", down.hangs.get());
		for (String app : DB_APPS) {
			String seen = healthDown.getOrDefault(app, "");
			this.report.check(seen.contains("503:DOWN/503:OUT_OF_SERVICE"),
					"%s health/readiness while down: %s (expected 503:DOWN/503:OUT_OF_SERVICE)", app, seen);
			this.report.check(pidsBefore.get(app) == this.platform.pid(app), "%s was restarted", app);
			this.report.check(health(app, "/readiness").equals("200:UP"), "%s readiness after: %s", app,
					health(app, "/readiness"));
		}
		this.report.check(recoveredMs >= 0, "reads did not recover within 90 s of SIGCONT");
		this.report.check(after.count("503") <= down.count("503") + 20 || recoveredMs >= 0, "after: still failing %s",
				after.statuses);
		int lost = 0;
		for (String id : acknowledged) {
			Response p = this.platform.get("/api/v1/proposals/" + id, "member1");
			if (p.status() != 200 || !"SUBMITTED".equals(p.json().get("status").asString())) {
				lost++;
			}
		}
		this.report.figure("lostAcknowledged", lost);
		this.report.check(lost == 0, "%d acknowledged submissions lost", lost);
		this.report.finish();
	}

	/** What the clients saw in one window (before, while down, after). */
	static final class Window {

		final String name;

		final Map<String, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());

		final DrillReport.Latencies latency = new DrillReport.Latencies();

		final DrillReport.Latencies failureLatency = new DrillReport.Latencies();

		final AtomicInteger notProblem = new AtomicInteger();

		final AtomicInteger hangs = new AtomicInteger();

		Window(String name) {
			this.name = name;
		}

		int count(String status) {
			return this.statuses.entrySet()
				.stream()
				.filter((e) -> e.getKey().endsWith(":" + status))
				.mapToInt(Map.Entry::getValue)
				.sum();
		}

		int failures() {
			return this.statuses.entrySet()
				.stream()
				.filter((e) -> !e.getKey().endsWith(":200") && !e.getKey().endsWith(":201"))
				.mapToInt(Map.Entry::getValue)
				.sum();
		}

	}

	private static Response timed(Window window, String what, Supplier<Response> call) {
		long t0 = System.nanoTime();
		Response answer;
		try {
			answer = call.get();
		}
		catch (RuntimeException ex) {
			answer = null;
		}
		long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		window.latency.add(ms);
		String status = (answer != null) ? String.valueOf(answer.status()) : "noAnswer";
		window.statuses.merge(what + ":" + status, 1, Integer::sum);
		if (answer == null || answer.status() >= 400) {
			window.failureLatency.add(ms);
			if (answer != null && !answer.isProblem()) {
				window.notProblem.incrementAndGet();
				System.out.println("DRILL database not problem+json on " + what + ": " + answer);
			}
			if (answer != null && answer.status() == 500) {
				System.out.println("DRILL database 500 on " + what + ": " + answer);
			}
		}
		if (ms > 15_000) {
			window.hangs.incrementAndGet();
		}
		return answer;
	}

	private static boolean ok(Supplier<Response> call) {
		try {
			return call.get().status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** {@code status:STATUS} of a service's health endpoint, on its own port. */
	private String health(String app, String group) {
		try {
			Response answer = this.platform.sendTo("http://127.0.0.1:" + Platform.port(app), "GET",
					"/actuator/health" + group, null, null);
			String body = answer.body();
			int at = body.indexOf("\"status\":\"");
			String status = (at >= 0) ? body.substring(at + 10, body.indexOf('"', at + 10)) : "?";
			return answer.status() + ":" + status;
		}
		catch (RuntimeException ex) {
			return "noAnswer";
		}
	}

	/**
	 * The mariadbd of this platform: the one listening on its port with its data
	 * directory.
	 */
	private long mysqldPid() throws IOException {
		String port = "--port=" + this.platform.dbPort;
		String datadir = "--datadir=" + this.platform.runDir.resolve("data/mariadb");
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter((p) -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
						.replace('\0', ' ');
					if ((cmd.contains("/mariadbd ") || cmd.contains("/mysqld ")) && cmd.contains(port + " ")
							&& cmd.contains(datadir + " ")) {
						return Long.parseLong(proc.getFileName().toString());
					}
				}
				catch (IOException ex) {
					// gone
				}
			}
		}
		throw new IllegalStateException("no mariadbd with " + port + " " + datadir);
	}

	private static void signal(String signal, long pid) throws Exception {
		int code = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
		if (code != 0) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " answered " + code);
		}
		System.out.println("DRILL database SIG" + signal + " " + pid);
	}

}
