package cn.gov.cppcc.proposals.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

/**
 * Fault drill: one application (system property {@code drill.app}, default
 * proposal-service; any of the five) is killed with SIGKILL and started again, several
 * times ({@code drill.kills}, default 3) at random moments ({@code drill.seed}), while
 * two clients push proposals through create → submit → review (FILE) → assignment through
 * the gateway, retrying as a real client does (same {@code Idempotency-Key} for the
 * create; after an unanswered transition, reading the proposal to see whether it
 * happened).
 * <p>
 * Checks afterwards: every acknowledged write is there; every committed transition is in
 * the history once and has exactly one event in the feed, and every event of the drill's
 * proposals is a committed transition (no duplicate draft either); the feed is gap-free
 * with unique ids; statistics-service counted each proposal once (overview deltas);
 * notification-service told the author once per event.
 * <p>
 * Why the first version never finished in 10 minutes (found 2026-11-28 with jstack and
 * the gateway's access log): its {@code Idempotency-Key} contained the Chinese title, the
 * JDK HTTP client refuses a non-ASCII header value with an IllegalArgumentException
 * before sending anything, and the drill's "connection refused" catch swallowed it: every
 * create was retried 120 × 0.5 s and given up, 60 times (an hour), without a single
 * request reaching the platform. Also, any 409 was retried, so a transition whose answer
 * was lost in a kill would be retried until its budget ran out. Now keys are ASCII,
 * client errors are counted by kind and shown, every step has a deadline, a 409 is
 * resolved by reading the proposal, and the writers stop when the kills are done.
 */
class KillDrill {

	private static final String[] STEPS = { "create", "submit", "review", "assignment" };

	private static final String[] STATES = { "DRAFT", "SUBMITTED", "FILED", "ASSIGNED" };

	private static final String[] EVENTS = { "drafted", "submitted", "filed", "assigned" };

	/**
	 * A step waits out a whole restart (on a loaded 2-core machine proposal-service took
	 * up to 5 minutes to be ready again).
	 */
	private static final long STEP_DEADLINE_MS = 600_000;

	private final Platform platform = Platform.get();

	private final DrillReport report = new DrillReport("kill");

	private final AtomicInteger retries = new AtomicInteger();

	private final Map<String, Integer> clientErrors = new java.util.concurrent.ConcurrentHashMap<>();

	private final AtomicInteger unansweredButCommitted = new AtomicInteger();

	private final DrillReport.Latencies stepLatency = new DrillReport.Latencies();

	/** One proposal pushed through the steps. */
	static final class Flow {

		final String title;

		/** ASCII: the JDK client refuses other header values. */
		final String key;

		volatile String id;

		/** Index of the last step answered 2xx (-1: none). */
		volatile int acknowledged = -1;

		/**
		 * Index of the last step known to have happened (answered, or seen afterwards).
		 */
		volatile int reached = -1;

		Flow(String title, String key) {
			this.title = title;
			this.key = key;
		}

	}

	@Test
	void killAndRestartDuringTransitionsLosesAndDuplicatesNothing() throws Exception {
		String app = System.getProperty("drill.app", "proposal-service");
		int kills = Integer.getInteger("drill.kills", 3);
		long seed = Long.getLong("drill.seed", System.currentTimeMillis());
		Random random = new Random(seed);
		this.report.figure("app", app);
		this.report.figure("seed", seed);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String client = this.platform.clientToken("demo-12345", Platform.DEMO_PASSWORD);
		long feedStart = feedEnd(client);
		JsonNode overviewBefore = overview();
		for (String user : List.of("member1", "committee1")) {
			this.platform.token(user);
		}

		List<Flow> flows = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService writers = Executors.newFixedThreadPool(2);
		List<Future<?>> running = new ArrayList<>();
		for (int w = 0; w < 2; w++) {
			int writer = w;
			running.add(writers.submit(() -> {
				for (int n = 0; !stop.get(); n++) {
					Flow flow = new Flow("演练" + run + "-" + writer + "-" + n, run + "-" + writer + "-" + n);
					flows.add(flow);
					push(flow);
				}
			}));
		}
		List<Long> downtimes = new ArrayList<>();
		for (int k = 0; k < kills; k++) {
			Thread.sleep(2000 + random.nextInt(6000));
			long down = System.nanoTime();
			this.platform.runArgs("kill-app", app);
			Thread.sleep(random.nextInt(3000));
			int started = this.platform.runArgs("start-app", app);
			this.report.check(started == 0, "start-app %s answered %d (see run.sh.out)", app, started);
			downtimes.add(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - down));
		}
		Thread.sleep(3000);
		stop.set(true);
		for (Future<?> future : running) {
			future.get(10, TimeUnit.MINUTES);
		}
		writers.shutdown();
		this.report.figure("kills", kills);
		this.report.figure("downtimeSeconds", downtimes);
		this.report.figure("proposals", flows.size());
		int acknowledgedSteps = flows.stream().mapToInt((f) -> f.acknowledged + 1).sum();
		this.report.figure("acknowledgedWrites", acknowledgedSteps);
		this.report.figure("committedButUnanswered", this.unansweredButCommitted.get());
		this.report.figure("clientRetries", this.retries.get());
		this.report.figure("clientErrors", this.clientErrors);
		this.report.check(!this.clientErrors.containsKey("IllegalArgumentException"),
				"the drill's own requests were refused by the HTTP client");
		this.report.figure("stepLatency", this.stepLatency);
		this.report.check(acknowledgedSteps >= 20, "only %d acknowledged writes", acknowledgedSteps);

		verify(flows, client, feedStart, overviewBefore);
		this.report.finish();
	}

	/**
	 * Pushes one proposal through the steps; a step that cannot be done ends the flow.
	 */
	private void push(Flow flow) {
		for (int step = 0; step < STEPS.length; step++) {
			long t0 = System.nanoTime();
			boolean done = step(flow, step);
			this.stepLatency.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
			if (!done) {
				return;
			}
		}
	}

	private boolean step(Flow flow, int step) {
		long deadline = System.currentTimeMillis() + STEP_DEADLINE_MS;
		String key = "kill-drill-" + flow.key;
		while (System.currentTimeMillis() < deadline) {
			Response answer;
			try {
				answer = switch (STEPS[step]) {
					case "create" ->
						this.platform.send(
								"POST", "/api/v1/proposals", "member1", Map.of("title", flow.title, "content",
										"故障演练：杀进程重启", "category", "其他", "suggestions", List.of("建议一")),
								"Idempotency-Key", key);
					case "submit" -> this.platform.post("/api/v1/proposals/" + flow.id + "/submit", "member1", null);
					case "review" -> this.platform.post("/api/v1/proposals/" + flow.id + "/review", "committee1",
							Map.of("decision", "FILE", "category", "其他"));
					default -> this.platform.post("/api/v1/proposals/" + flow.id + "/assignment", "committee1",
							Map.of("mode", "LEAD", "leadUnitId", "2"));
				};
			}
			catch (RuntimeException ex) {
				// connection refused or reset while something is down; counted by kind,
				// so that a client-side error cannot hide as "down"
				answer = null;
				this.clientErrors.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
			}
			if (answer != null && answer.status() / 100 == 2) {
				if (step == 0) {
					flow.id = answer.json().get("id").asString();
				}
				flow.acknowledged = step;
				flow.reached = step;
				return true;
			}
			if (answer != null && answer.status() / 100 == 4 && answer.status() != 409 && answer.status() != 429) {
				this.report.check(false, "%s of %s answered %s", STEPS[step], flow.title, answer);
				return false;
			}
			// 5xx, 409 (in progress / illegal transition after a lost answer), 429, no
			// answer
			if (step > 0 && happened(flow, step)) {
				this.unansweredButCommitted.incrementAndGet();
				flow.reached = step;
				return true;
			}
			this.retries.incrementAndGet();
			sleep(500);
		}
		this.report.check(false, "%s of %s not done within %d s", STEPS[step], flow.title, STEP_DEADLINE_MS / 1000);
		return false;
	}

	/** Whether a transition whose answer was lost happened anyway. */
	private boolean happened(Flow flow, int step) {
		try {
			Response now = this.platform.get("/api/v1/proposals/" + flow.id, "committee1");
			if (now.status() != 200) {
				return false;
			}
			return stateIndex(now.json().get("status").asString()) >= step;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void verify(List<Flow> flows, String client, long feedStart, JsonNode overviewBefore) {
		Map<String, Flow> byId = new HashMap<>();
		int missing = 0;
		int notReached = 0;
		int historyWrong = 0;
		for (Flow flow : flows) {
			if (flow.id == null) {
				continue;
			}
			byId.put(flow.id, flow);
			Response proposal = eventually(() -> this.platform.get("/api/v1/proposals/" + flow.id, "member1"));
			if (!this.report.check(proposal.status() == 200, "acknowledged proposal %s: %s", flow.id, proposal)) {
				missing++;
				continue;
			}
			int state = stateIndex(proposal.json().get("status").asString());
			if (!this.report.check(state >= flow.acknowledged, "%s is %s but %s was acknowledged", flow.id,
					STATES[Math.max(0, state)], STEPS[Math.max(0, flow.acknowledged)])) {
				notReached++;
			}
			flow.reached = state;
			Map<String, Integer> to = new HashMap<>();
			for (JsonNode h : eventually(
					() -> this.platform.get("/api/v1/proposals/" + flow.id + "/history", "member1"))
				.json()) {
				if (h.hasNonNull("to") && (h.hasNonNull("from") && !h.get("from").asString().isEmpty())) {
					to.merge(h.get("to").asString(), 1, Integer::sum);
				}
			}
			for (int s = 1; s <= state; s++) {
				if (!this.report.check(to.getOrDefault(STATES[s], 0) == 1, "history of %s has %s %d times", flow.id,
						STATES[s], to.getOrDefault(STATES[s], 0))) {
					historyWrong++;
				}
			}
		}
		this.report.figure("lostAcknowledged", missing + notReached);
		this.report.figure("historyMismatches", historyWrong);

		// the feed: gap-free, unique ids; one event per committed transition, none other
		Map<String, Map<String, Integer>> events = new HashMap<>();
		Map<String, Integer> draftsByTitle = new HashMap<>();
		Set<String> eventIds = new HashSet<>();
		long after = 0;
		long total = 0;
		int gaps = 0;
		// the relay numbers committed outbox rows a moment after their commit (and a
		// restarted instance a moment
		// after it is ready): the feed is read until it holds as many events of the
		// drill's proposals as there are
		// committed transitions, for at most 60 s; a missing event stays missing and
		// fails below
		long expectedEvents = byId.values().stream().mapToLong((f) -> f.reached + 1L).sum();
		long feedReadStarted = System.nanoTime();
		while (true) {
			long from = after;
			Response page = eventually(() -> this.platform.sendTo(Platform.gateway(), "GET",
					"/api/v1/events?after=" + from + "&limit=500", client, null));
			JsonNode items = page.json().get("items");
			if (items == null || items.isEmpty()) {
				long seen = events.values()
					.stream()
					.flatMap((m) -> m.values().stream())
					.mapToLong(Integer::longValue)
					.sum();
				if (seen >= expectedEvents || System.nanoTime() - feedReadStarted > TimeUnit.SECONDS.toNanos(60)) {
					break;
				}
				sleep(500);
				continue;
			}
			for (JsonNode event : items) {
				long position = event.get("position").asLong();
				if (position != after + 1) {
					gaps++;
				}
				after = position;
				total++;
				this.report.check(eventIds.add(event.get("id").asString()), "event id %s twice in the feed",
						event.get("id").asString());
				String type = event.get("type").asString().replace("proposal.", "");
				String aggregate = event.get("aggregateId").asString();
				if (byId.containsKey(aggregate)) {
					events.computeIfAbsent(aggregate, (a) -> new HashMap<>()).merge(type, 1, Integer::sum);
				}
				JsonNode title = event.path("payload").path("proposal").path("title");
				if (position > feedStart && "drafted".equals(type) && title.isString()) {
					draftsByTitle.merge(title.asString(), 1, Integer::sum);
				}
			}
		}
		this.report.check(gaps == 0, "%d gaps in the feed", gaps);
		int eventMismatches = 0;
		for (Flow flow : byId.values()) {
			Map<String, Integer> mine = events.getOrDefault(flow.id, Map.of());
			for (int s = 0; s < EVENTS.length; s++) {
				int expected = (s <= flow.reached) ? 1 : 0;
				if (!this.report.check(mine.getOrDefault(EVENTS[s], 0) == expected, "%s has %d %s events, expected %d",
						flow.id, mine.getOrDefault(EVENTS[s], 0), EVENTS[s], expected)) {
					eventMismatches++;
				}
			}
			for (String type : mine.keySet()) {
				this.report.check(List.of(EVENTS).contains(type), "%s has an unexpected %s event", flow.id, type);
			}
		}
		for (Flow flow : flows) {
			int drafts = draftsByTitle.getOrDefault(flow.title, 0);
			this.report.check(drafts == ((flow.id != null) ? 1 : drafts), "%d drafts titled %s", drafts, flow.title);
			this.report.check(drafts <= 1, "%d drafts titled %s (duplicate create)", drafts, flow.title);
		}
		this.report.figure("feedEvents", total);
		this.report.figure("feedCaughtUpMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - feedReadStarted));
		this.report.figure("eventMismatches", eventMismatches);

		// statistics-service counted each once
		long submitted = byId.values().stream().filter((f) -> f.reached >= 1).count();
		long filed = byId.values().stream().filter((f) -> f.reached >= 2).count();
		long assigned = byId.values().stream().filter((f) -> f.reached >= 3).count();
		long[] deltas = new long[3];
		boolean statsOk = until(120, () -> {
			JsonNode after2 = overview();
			deltas[0] = after2.get("received").asLong() - overviewBefore.get("received").asLong();
			deltas[1] = after2.get("filed").asLong() - overviewBefore.get("filed").asLong();
			deltas[2] = after2.get("assigned").asLong() - overviewBefore.get("assigned").asLong();
			return deltas[0] == submitted && deltas[1] == filed && deltas[2] == assigned;
		});
		this.report.figure("statistics", "received+" + deltas[0] + "/" + submitted + " filed+" + deltas[1] + "/" + filed
				+ " assigned+" + deltas[2] + "/" + assigned);
		this.report.check(statsOk, "statistics overview deltas %d/%d/%d, expected %d/%d/%d", deltas[0], deltas[1],
				deltas[2], submitted, filed, assigned);

		// notification-service: the author is told once per submitted/filed/assigned
		// event
		int[] wrong = new int[1];
		List<String> firstWrong = new ArrayList<>();
		boolean notificationsOk = until(120, () -> {
			Map<String, Map<String, Integer>> inbox = inbox("member1", byId.keySet());
			wrong[0] = 0;
			firstWrong.clear();
			for (Flow flow : byId.values()) {
				Map<String, Integer> mine = inbox.getOrDefault(flow.id, Map.of());
				for (int s = 1; s < EVENTS.length; s++) {
					int expected = (s <= flow.reached) ? 1 : 0;
					if (mine.getOrDefault(EVENTS[s], 0) != expected) {
						wrong[0]++;
						firstWrong.add(flow.id + " " + EVENTS[s] + "=" + mine.getOrDefault(EVENTS[s], 0));
					}
				}
			}
			return wrong[0] == 0;
		});
		this.report.figure("notificationMismatches", wrong[0]);
		this.report.check(notificationsOk, "member1's inbox: %d mismatches, e.g. %s", wrong[0],
				firstWrong.isEmpty() ? "-" : firstWrong.get(0));
	}

	private Map<String, Map<String, Integer>> inbox(String user, Set<String> ids) {
		Map<String, Map<String, Integer>> inbox = new HashMap<>();
		for (int page = 1; page < 200; page++) {
			Response answer = this.platform.get("/api/v1/notifications?size=100&page=" + page, user);
			JsonNode items = answer.json().get("items");
			if (items == null || items.isEmpty()) {
				break;
			}
			for (JsonNode n : items) {
				String proposal = n.path("proposalId").asString("");
				if (ids.contains(proposal)) {
					inbox.computeIfAbsent(proposal, (p) -> new HashMap<>())
						.merge(n.path("eventType").asString("").replace("proposal.", ""), 1, Integer::sum);
				}
			}
		}
		return inbox;
	}

	private JsonNode overview() {
		return eventually(() -> this.platform.get("/api/v1/statistics/overview", "committee1")).json();
	}

	private long feedEnd(String client) {
		long after = 0;
		while (true) {
			long from = after;
			JsonNode items = eventually(() -> this.platform.sendTo(Platform.gateway(), "GET",
					"/api/v1/events?after=" + from + "&limit=500", client, null))
				.json()
				.get("items");
			if (items.isEmpty()) {
				return after;
			}
			after = items.get(items.size() - 1).get("position").asLong();
		}
	}

	/** A read that must answer 2xx (or 404) once the platform is whole again. */
	private static Response eventually(java.util.function.Supplier<Response> call) {
		RuntimeException last = null;
		for (int i = 0; i < 60; i++) {
			try {
				Response answer = call.get();
				if (answer.status() < 500 && answer.status() != 429) {
					return answer;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			sleep(1000);
		}
		throw new IllegalStateException("no answer in 60 s", last);
	}

	private static boolean until(int seconds, java.util.function.BooleanSupplier condition) {
		long deadline = System.currentTimeMillis() + seconds * 1000L;
		while (true) {
			try {
				if (condition.getAsBoolean()) {
					return true;
				}
			}
			catch (RuntimeException ex) {
				// not yet
			}
			if (System.currentTimeMillis() > deadline) {
				return false;
			}
			sleep(1000);
		}
	}

	private static int stateIndex(String status) {
		for (int i = 0; i < STATES.length; i++) {
			if (STATES[i].equals(status)) {
				return i;
			}
		}
		return -1;
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
