package cn.gov.cppcc.proposals.proposal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.proposal.deadline.DeadlineJob;
import cn.gov.cppcc.proposals.proposal.outbox.OutboxRelay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent filings, assignments, idempotent creates, the feed and the deadline job,
 * against the real database.
 */
class ConcurrencyTests extends IntegrationTestSupport {

	private static final String P = "/api/v1/proposals/";

	@Autowired
	OutboxRelay relay;

	@Autowired
	DeadlineJob deadlineJob;

	private <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void concurrentFilingsNumberWithoutGapsOrDuplicates() throws Exception {
		int n = 200;
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			ids.add(submitted("并发立案测试提案" + i));
		}
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		List<Integer> statuses = concurrently(n,
				() -> post(P + ids.get(next.getAndIncrement()) + "/review", committee(), Map.of("decision", "FILE"))
					.status());
		assertThat(statuses).containsOnly(200);
		List<Integer> serials = this.jdbc
			.sql("SELECT serial FROM proposal WHERE session_id = '13-4' AND serial IS NOT NULL ORDER BY serial")
			.query(Integer.class)
			.list();
		List<Integer> expected = new ArrayList<>();
		for (int i = 1; i <= serials.size(); i++) {
			expected.add(i);
		}
		assertThat(serials).hasSizeGreaterThanOrEqualTo(n).isEqualTo(expected);
	}

	@Test
	void concurrentAssignmentsOfOneProposalExactlyOneWins() throws Exception {
		String id = filed("并发交办测试提案");
		List<Resp> results = concurrently(100, () -> post(P + id + "/assignment", committee(),
				Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3", "4"))));
		assertThat(results.stream().filter((r) -> r.status() == 200)).hasSize(1);
		assertThat(results.stream().filter((r) -> r.status() == 409)).hasSize(99);
		assertThat(results.stream().filter((r) -> r.status() == 409).map(Resp::code))
			.allMatch((c) -> c.equals("illegal-transition") || c.equals("concurrent-modification"));
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.assigned'")
					.param(id)
					.query(Integer.class)
					.single())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM proposal_unit WHERE proposal_id = ?")
			.param(Long.parseLong(id))
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void sameIdempotencyKeyTenTimesCreatesOneProposal() throws Exception {
		Map<String, Object> body = draft("幂等创建测试提案", List.of("建议"), List.of());
		List<Resp> results = concurrently(10,
				() -> post("/api/v1/proposals", member1(), body, "Idempotency-Key", "key-ten-times"));
		assertThat(results).allMatch((r) -> r.status() == 201 || r.status() == 409);
		for (int i = 0; i < 3; i++) {
			Resp again = post("/api/v1/proposals", member1(), body, "Idempotency-Key", "key-ten-times");
			assertThat(again.status()).isEqualTo(201);
			assertThat(again.header("Location")).startsWith(P);
		}
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM proposal WHERE title = '幂等创建测试提案'").query(Integer.class).single())
			.isEqualTo(1);
		Resp reused = post("/api/v1/proposals", member1(), draft("另一个提案", List.of("建议"), List.of()), "Idempotency-Key",
				"key-ten-times");
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.code()).isEqualTo("idempotency-key-reused");
		// the key belongs to its caller
		assertThat(post("/api/v1/proposals", member2(), body, "Idempotency-Key", "key-ten-times").status())
			.isEqualTo(201);
	}

	@Test
	void feedIsOrderedAndGapFree() throws Exception {
		String id = assigned("事件流测试提案");
		concurrently(10, () -> submitted("事件流并发写入"));
		this.relay.relay();
		String reader = client("statistics-service", "events:read");
		long after = 0;
		long expected = 1;
		boolean seen = false;
		while (true) {
			Resp page = get("/api/v1/events?after=" + after + "&limit=500", reader);
			assertThat(page.status()).isEqualTo(200);
			if (page.body().path("items").isEmpty()) {
				break;
			}
			for (var event : page.body().path("items")) {
				assertThat(event.path("position").asLong()).isEqualTo(expected++);
				assertThat(event.path("payload").path("proposal").path("id").asString())
					.isEqualTo(event.path("aggregateId").asString());
				if (event.path("aggregateId").asString().equals(id)
						&& event.path("type").asString().equals("proposal.assigned")) {
					seen = true;
					assertThat(event.path("payload").path("leadUnitId").asString()).isEqualTo("2");
					assertThat(event.path("payload").path("proposal").path("status").asString()).isEqualTo("ASSIGNED");
					assertThat(event.path("aggregateVersion").asLong()).isEqualTo(3);
				}
			}
			after = page.body().path("next").asLong();
		}
		assertThat(seen).isTrue();
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE position IS NULL").query(Integer.class).single())
			.isZero();
		assertThat(get("/api/v1/events?limit=501", reader).status()).isEqualTo(400);
	}

	@Test
	void reminderFiresOnceEvenWhenTheJobRunsTwiceConcurrently() throws Exception {
		String id = assigned("期限提醒测试提案");
		LocalDate reply = LocalDate.parse(get(P + id, committee()).body().path("deadlines").path("reply").asString());
		LocalDate dayBefore = reply.minusDays(1);
		concurrently(2, () -> this.deadlineJob.run(dayBefore));
		this.deadlineJob.run(dayBefore);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.deadline-reminder'
				AND payload LIKE '%"deadlineKind":"REPLY"%'""").param(id).query(Integer.class).single()).isEqualTo(1);
		concurrently(2, () -> this.deadlineJob.run(reply.plusDays(1)));
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.deadline-overdue'
				AND payload LIKE '%"deadlineKind":"REPLY"%'""").param(id).query(Integer.class).single()).isEqualTo(1);
		assertThat(get("/api/v1/proposals?overdue=true&size=100", committee()).body().path("items").toString())
			.doesNotContain("\"" + id + "\"");
	}

	@Test
	void unconfirmedCoSignersAreDroppedAndFeedbackWindowsCloseOnSchedule() {
		Resp created = post("/api/v1/proposals", member1(), draft("联名期限测试提案", List.of("建议"), List.of("1003")));
		String id = created.body().path("id").asString();
		Resp submitted = post(P + id + "/submit", member1(), null);
		LocalDate confirmBy = LocalDate.parse(submitted.body().path("deadlines").path("coSignature").asString());
		this.deadlineJob.run(confirmBy.plusDays(1));
		Resp after = get(P + id, member1());
		assertThat(after.body().path("coSigners").get(0).path("status").asString()).isEqualTo("EXPIRED");
		assertThat(get(P + id, member3()).status()).as("a dropped co-signer no longer sees it").isEqualTo(404);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.co-signature-declined'
				AND payload LIKE '%"expired":true%'""").param(id).query(Integer.class).single()).isEqualTo(1);

		// a reply nobody rates: closed once the feedback window has ended
		String replied = assigned("评价期限测试提案");
		put(P + replied + "/reply", handlerGxt(),
				Map.of("resultClass", "C", "body", "答复", "sections",
						List.of(Map.of("suggestionIndex", 1, "text", "一"), Map.of("suggestionIndex", 2, "text", "二")),
						"signer", "张三", "contactName", "李四", "contactPhone", "02583301234"));
		Resp sent = post(P + replied + "/reply/submit", leaderGxt(), null);
		assertThat(sent.body().path("status").asString()).isEqualTo("REPLIED");
		LocalDate feedbackBy = LocalDate.parse(sent.body().path("deadlines").path("feedback").asString());
		this.deadlineJob.run(feedbackBy);
		assertThat(get(P + replied, member1()).body().path("status").asString()).isEqualTo("REPLIED");
		this.deadlineJob.run(feedbackBy.plusDays(1));
		assertThat(get(P + replied, member1()).body().path("status").asString()).isEqualTo("CLOSED");
	}

	@Test
	void concurrentWritesOnDifferentProposalsDoNotCollide() throws Exception {
		List<Integer> creates = concurrently(20,
				() -> post("/api/v1/proposals", member1(), draft("并发创建测试提案", List.of("建议"), List.of("1002", "1003")))
					.status());
		assertThat(creates).containsOnly(201);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ids.add(filed("并发交办不同提案" + i));
		}
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		List<Integer> assignments = concurrently(10, () -> post(P + ids.get(next.getAndIncrement()) + "/assignment",
				committee(), Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3", "4")))
			.status());
		assertThat(assignments).containsOnly(200);
	}

}
