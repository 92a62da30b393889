package cn.gov.cppcc.proposals.proposal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar;
import cn.gov.cppcc.proposals.proposal.deadline.DeadlineJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three rules of the life of a proposal (issue 4), through the HTTP API on the real
 * embedded database: the 办前沟通 deadline (reminder and overdue once per replying unit,
 * satisfied by a recorded communication), forwarding a not-filed proposal as an opinion
 * (社情民意) only with the author's consent, and {@code Idempotency-Key} on every write under
 * a proposal that creates something.
 */
class HandlingRulesTests extends IntegrationTestSupport {

	private static final String P = "/api/v1/proposals/";

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	DeadlineJob deadlineJob;

	private List<String> noticeUnits(String id, String type, String kind) {
		List<String> payloads = this.jdbc
			.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = ? AND payload LIKE ? ORDER BY id")
			.params(id, type, "%\"deadlineKind\":\"" + kind + "\"%")
			.query(String.class)
			.list();
		List<String> units = new ArrayList<>();
		for (String payload : payloads) {
			units.add(this.json.readTree(payload).path("unitId").asString());
		}
		return units;
	}

	private int rows(String table, String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE proposal_id = ?")
			.param(Long.parseLong(id))
			.query(Integer.class)
			.single();
	}

	private static Map<String, Object> communication(String summary) {
		return Map.of("kind", "PHONE", "at", "2026-11-20T10:00:00+08:00", "participants", "提案人、经办人", "summary",
				summary);
	}

	// --- 办前沟通 deadline ----------------------------------------------------------------

	@Test
	void theReplyingUnitsMustMeetTheProposerWithinFifteenWorkingDays() {
		String id = assigned("关于办前沟通期限提醒的提案");
		Resp view = get(P + id, handlerGxt());
		LocalDate due = LocalDate.parse(view.body().path("deadlines").path("communication").asString());
		assertThat(due).isEqualTo(this.calendar.addWorkingDays(LocalDate.now(ZONE), 15));
		assertThat(
				this.jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.assigned'")
					.param(id)
					.query(String.class)
					.single())
			.contains("\"communicationDeadline\":\"" + due + "\"");

		// the co-handling unit's meeting does not count for the lead unit
		assertThat(post(P + id + "/communications", handlerZwb(), communication("协办单位电话沟通")).status()).isEqualTo(201);
		this.deadlineJob.run(due.minusDays(1));
		this.deadlineJob.run(due.minusDays(1));
		assertThat(noticeUnits(id, "proposal.deadline-reminder", "COMMUNICATION")).as("once, the lead unit only")
			.containsExactly("2");
		this.deadlineJob.run(due.plusDays(1));
		this.deadlineJob.run(due.plusDays(2));
		assertThat(noticeUnits(id, "proposal.deadline-overdue", "COMMUNICATION")).containsExactly("2");

		// a communication recorded by the lead unit satisfies it: nothing for another one
		String met = assigned("关于已办前沟通的提案");
		assertThat(post(P + met + "/communications", handlerGxt(), communication("当面听取意见")).status()).isEqualTo(201);
		this.deadlineJob.run(due.minusDays(1));
		this.deadlineJob.run(due.plusDays(1));
		assertThat(noticeUnits(met, "proposal.deadline-reminder", "COMMUNICATION")).isEmpty();
		assertThat(noticeUnits(met, "proposal.deadline-overdue", "COMMUNICATION")).isEmpty();

		// separate handling: each unit meets the proposer
		String separate = filed("关于分办办前沟通的提案");
		assertThat(post(P + separate + "/assignment", committee(),
				Map.of("mode", "SEPARATE", "separateUnitIds", List.of("2", "3")))
			.status()).isEqualTo(200);
		assertThat(post(P + separate + "/communications", handlerGxt(), communication("电话沟通")).status()).isEqualTo(201);
		this.deadlineJob.run(due.plusDays(1));
		assertThat(noticeUnits(separate, "proposal.deadline-overdue", "COMMUNICATION")).containsExactly("3");
	}

	@Test
	void anUpheldObjectionRestartsTheCommunicationDeadlineForTheNewUnit() {
		String id = assigned("关于改办后重新计算沟通期限的提案");
		Resp raised = post(P + id + "/objections", handlerGxt(), Map.of("reason", "不属于本单位职责"));
		String objection = raised.body().path("objections").get(0).path("id").asString();
		Resp upheld = post(P + id + "/objections/" + objection + "/decision", committee(),
				Map.of("uphold", true, "newLeadUnitId", "1"));
		assertThat(upheld.status()).isEqualTo(200);
		LocalDate due = LocalDate.parse(upheld.body().path("deadlines").path("communication").asString());
		assertThat(due).isEqualTo(this.calendar.addWorkingDays(LocalDate.now(ZONE), 15));
		this.deadlineJob.run(due.plusDays(1));
		assertThat(noticeUnits(id, "proposal.deadline-overdue", "COMMUNICATION")).containsExactly("1");
	}

	// --- forwarding as an opinion with the proposer's consent
	// ---------------------------

	private String submittedWithCoSigner(String title) {
		Resp created = post("/api/v1/proposals", member1(), draft(title, List.of("建议一"), List.of("1002")));
		String id = created.body().path("id").asString();
		assertThat(post(P + id + "/submit", member1(), null).status()).isEqualTo(200);
		assertThat(post(P + id + "/co-signature", member2(), Map.of("accept", true)).status()).isEqualTo(200);
		return id;
	}

	@Test
	void notFiledIsForwardedAsAnOpinionOnlyWithTheAuthorsConsent() {
		String id = submittedWithCoSigner("关于个人诉求转为社情民意的提案");
		assertThat(post(P + id + "/review", committee(),
				Map.of("decision", "NOT_FILE", "reason", "PERSONAL_MATTER", "forwardAsOpinion", true))
			.code()).as("the unit it goes to is required").isEqualTo("validation-failed");
		assertThat(post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE", "reason", "PERSONAL_MATTER",
				"forwardAsOpinion", true, "forwardToUnitId", "90"))
			.code()).isEqualTo("unit-not-eligible");
		assertThat(post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE", "reason", "PERSONAL_MATTER",
				"forwardAsOpinion", true, "forwardToUnitId", "x1"))
			.code()).isEqualTo("validation-failed");
		assertThat(post(P + id + "/forwarding-consent", member1(), Map.of("consent", true)).code())
			.as("nothing asked yet")
			.isEqualTo("forwarding-not-awaiting-consent");

		Resp notFiled = post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE", "reason",
				"PERSONAL_MATTER", "note", "属个人诉求", "forwardAsOpinion", true, "forwardToUnitId", "4"));
		assertThat(notFiled.status()).as(notFiled.body().toString()).isEqualTo(200);
		assertThat(notFiled.body().path("status").asString()).isEqualTo("NOT_FILED");
		assertThat(notFiled.body().path("notFiled").path("forwardedAsOpinion").asBoolean()).as("not before consent")
			.isFalse();
		assertThat(notFiled.body().path("notFiled").path("forwarding").path("status").asString())
			.isEqualTo("AWAITING_CONSENT");
		assertThat(notFiled.body().path("notFiled").path("forwarding").path("toUnitId").asString()).isEqualTo("4");
		assertThat(notFiled.body().path("notFiled").path("forwarding").path("toUnitName").asString()).isEqualTo("单位4");
		assertThat(
				this.jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.not-filed'")
					.param(id)
					.query(String.class)
					.single())
			.contains("\"forwardingRequested\":true", "\"forwardToUnitId\":\"4\"", "\"forwardedAsOpinion\":false");
		assertThat(events(id, "proposal.forwarded")).isZero();
		assertThat(get(P + id, handlerDsj()).status()).as("the unit does not see it before consent").isEqualTo(404);
		assertThat(get("/api/v1/proposals?size=100", handlerDsj()).body().path("items").toString())
			.doesNotContain("关于个人诉求转为社情民意的提案");

		// only the author answers
		assertThat(post(P + id + "/forwarding-consent", member2(), Map.of("consent", true)).status()).as("a co-signer")
			.isEqualTo(403);
		assertThat(post(P + id + "/forwarding-consent", committee(), Map.of("consent", true)).status()).isEqualTo(403);
		assertThat(post(P + id + "/forwarding-consent", member3(), Map.of("consent", true)).status()).isEqualTo(404);
		assertThat(post(P + id + "/forwarding-consent", handlerDsj(), Map.of("consent", true)).status())
			.as("not a member")
			.isEqualTo(403);
		assertThat(post(P + id + "/forwarding-consent", member1(), Map.of()).code()).isEqualTo("validation-failed");
		assertThat(post(P + id + "/forwarding-consent", member1(), "{\"consent\":\"maybe\"}").status()).isEqualTo(400);
		assertThat(
				post(P + id + "/forwarding-consent", member1(), Map.of("consent", true), "If-Match", "\"0\"").status())
			.isEqualTo(412);

		Resp consented = post(P + id + "/forwarding-consent", member1(), Map.of("consent", true));
		assertThat(consented.status()).as(consented.body().toString()).isEqualTo(200);
		assertThat(consented.header("ETag")).isEqualTo("\"" + consented.body().path("version").asLong() + "\"");
		assertThat(consented.body().path("status").asString()).isEqualTo("NOT_FILED");
		assertThat(consented.body().path("notFiled").path("forwardedAsOpinion").asBoolean()).isTrue();
		assertThat(consented.body().path("notFiled").path("forwarding").path("status").asString())
			.isEqualTo("FORWARDED");
		assertThat(consented.body().path("notFiled").path("forwarding").path("answeredAt").asString()).isNotBlank();

		Resp again = post(P + id + "/forwarding-consent", member1(), Map.of("consent", false));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("forwarding-not-awaiting-consent");
		assertThat(again.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(again.body().path("title").asString()).isEqualTo("没有待确认的转送");
		assertThat(post(P + id + "/forwarding-consent", member1(), Map.of("consent", false), "Accept-Language", "en")
			.body()
			.path("title")
			.asString()).isEqualTo("No forwarding awaiting consent");

		assertThat(events(id, "proposal.forwarded")).isEqualTo(1);
		// the unit it was forwarded to reads it now (detail, list, search); no other unit
		// does
		assertThat(get(P + id, handlerDsj()).status()).isEqualTo(200);
		assertThat(get("/api/v1/proposals?size=100", handlerDsj()).body().path("items").toString())
			.contains("关于个人诉求转为社情民意的提案");
		assertThat(
				get("/api/v1/proposals?q=" + java.net.URLEncoder.encode("社情民意", java.nio.charset.StandardCharsets.UTF_8)
						+ "&size=100", handlerDsj())
					.body()
					.path("items")
					.toString())
			.contains("关于个人诉求转为社情民意的提案");
		assertThat(get(P + id, handlerGxt()).status()).isEqualTo(404);
		assertThat(
				get("/api/v1/proposals?q=" + java.net.URLEncoder.encode("社情民意", java.nio.charset.StandardCharsets.UTF_8)
						+ "&size=100", handlerGxt())
					.body()
					.path("items")
					.toString())
			.doesNotContain("关于个人诉求转为社情民意的提案");
		assertThat(post(P + id + "/reply/submit", handlerDsj(), Map.of()).status()).as("reading is all the unit may do")
			.isIn(403, 404, 409);
		assertThat(
				this.jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.forwarded'")
					.param(id)
					.query(String.class)
					.single())
			.contains("\"toUnitId\":\"4\"", "\"memberId\":\"1001\"");
		assertThat(get(P + id + "/history", member1()).body().toString()).contains("forwarding-consent");
		assertThat(audited(id, "POST /api/v1/proposals/{id}/forwarding-consent", "SUCCESS")).isEqualTo(1);
		assertThat(audited(id, "POST /api/v1/proposals/{id}/forwarding-consent", "DENIED")).isPositive();
		assertThat(audited(id, "POST /api/v1/proposals/{id}/forwarding-consent", "FAILURE")).isPositive();
	}

	@Test
	void theAuthorMayDeclineAndThenNothingIsForwarded() {
		String id = submitted("关于作者不同意转送的提案");
		assertThat(post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE", "reason", "ACADEMIC_DEBATE",
				"forwardAsOpinion", true, "forwardToUnitId", "2"))
			.status()).isEqualTo(200);
		Resp declined = post(P + id + "/forwarding-consent", member1(), Map.of("consent", false));
		assertThat(declined.status()).isEqualTo(200);
		assertThat(declined.body().path("notFiled").path("forwardedAsOpinion").asBoolean()).isFalse();
		assertThat(declined.body().path("notFiled").path("forwarding").path("status").asString()).isEqualTo("DECLINED");
		assertThat(events(id, "proposal.forwarding-declined")).isEqualTo(1);
		assertThat(events(id, "proposal.forwarded")).isZero();
		assertThat(get(P + id, handlerGxt()).status()).as("the unit it would have gone to does not see it")
			.isEqualTo(404);

		String filed = filed("关于已立案无需转送的提案");
		assertThat(post(P + filed + "/forwarding-consent", member1(), Map.of("consent", true)).code())
			.isEqualTo("forwarding-not-awaiting-consent");
		assertThat(post(P + filed + "/review", committee(),
				Map.of("decision", "NOT_FILE", "reason", "OTHER", "forwardAsOpinion", true, "forwardToUnitId", "2"))
			.code()).as("already filed").isEqualTo("illegal-transition");
	}

	// --- Idempotency-Key on the creates under a proposal
	// -----------------------------------

	@Test
	void everyCreateUnderAProposalTakesAnIdempotencyKey() {
		String id = assigned("关于幂等键覆盖各类办理记录的提案");
		String key = "comm-" + id;

		Resp first = post(P + id + "/communications", handlerGxt(), communication("第一次电话沟通"), "Idempotency-Key", key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Location")).isEqualTo(P + id);
		assertThat(first.header("ETag")).isNotNull();
		Resp replay = post(P + id + "/communications", handlerGxt(), communication("第一次电话沟通"), "Idempotency-Key", key);
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.body().path("communications")).hasSize(1);
		assertThat(rows("communication", id)).isEqualTo(1);
		assertThat(
				post(P + id + "/communications", handlerGxt(), communication("另一次沟通"), "Idempotency-Key", key).code())
			.isEqualTo("idempotency-key-reused");
		assertThat(
				post(P + id + "/objections", handlerGxt(), Map.of("reason", "第一次电话沟通"), "Idempotency-Key", key).code())
			.as("the same key on another collection")
			.isEqualTo("idempotency-key-reused");
		assertThat(post(P + id + "/communications", handlerGxt(), communication("x"), "Idempotency-Key", "").status())
			.isEqualTo(400);

		// objections: without the key the second would be objection-already-open
		Map<String, Object> objection = Map.of("reason", "建议改由省大数据管理中心协办");
		assertThat(post(P + id + "/objections", handlerZwb(), objection, "Idempotency-Key", "obj-" + id).status())
			.isEqualTo(201);
		Resp objectionReplay = post(P + id + "/objections", handlerZwb(), objection, "Idempotency-Key", "obj-" + id);
		assertThat(objectionReplay.status()).isEqualTo(201);
		assertThat(objectionReplay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(rows("objection", id)).isEqualTo(1);
		assertThat(events(id, "proposal.objection-raised")).isEqualTo(1);

		// co-opinions
		Map<String, Object> opinion = Map.of("opinion", "同意主办单位意见");
		assertThat(post(P + id + "/co-opinions", handlerZwb(), opinion, "Idempotency-Key", "op-" + id).status())
			.isEqualTo(201);
		assertThat(post(P + id + "/co-opinions", handlerZwb(), opinion, "Idempotency-Key", "op-" + id).status())
			.isEqualTo(201);
		assertThat(rows("co_opinion", id)).isEqualTo(1);

		// an extension request (answers 200): without the key the second would be
		// extension-already-pending
		String hard = get(P + id, leaderGxt()).body().path("deadlines").path("hard").asString();
		Map<String, Object> extension = Map.of("newDeadline", hard, "reason", "需多部门会商");
		Resp asked = post(P + id + "/extension", leaderGxt(), extension, "Idempotency-Key", "ext-" + id);
		assertThat(asked.status()).isEqualTo(200);
		assertThat(asked.header("Location")).isNull();
		Resp askedAgain = post(P + id + "/extension", leaderGxt(), extension, "Idempotency-Key", "ext-" + id);
		assertThat(askedAgain.status()).isEqualTo(200);
		assertThat(askedAgain.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(rows("extension", id)).isEqualTo(1);

		// a rating (answers 200): without the key the second would be
		// feedback-already-given
		assertThat(put(P + id + "/reply", handlerGxt(),
				Map.of("resultClass", "A", "body", "答复", "sections",
						List.of(Map.of("suggestionIndex", 1, "text", "一"), Map.of("suggestionIndex", 2, "text", "二")),
						"signer", "张厅长", "contactName", "李处长", "contactPhone", "13812345678"))
			.status()).isEqualTo(200);
		assertThat(post(P + id + "/reply/submit", leaderGxt(), null).status()).isEqualTo(200);
		Map<String, Object> rating = Map.of("rating", "SATISFIED", "comment", "满意");
		assertThat(post(P + id + "/feedback", member1(), rating, "Idempotency-Key", "fb-" + id).status())
			.isEqualTo(200);
		Resp rated = post(P + id + "/feedback", member1(), rating, "Idempotency-Key", "fb-" + id);
		assertThat(rated.status()).isEqualTo(200);
		assertThat(rated.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(rows("feedback", id)).isEqualTo(1);
		assertThat(events(id, "proposal.feedback-received")).isEqualTo(1);
		assertThat(post(P + id + "/feedback", member1(), Map.of("rating", "UNSATISFIED"), "Idempotency-Key", "fb-" + id)
			.code()).isEqualTo("idempotency-key-reused");
	}

	@Test
	void theSameKeyTenTimesAtOnceRecordsOneCommunication() throws Exception {
		String id = assigned("关于并发幂等沟通记录的提案");
		String token = handlerGxt();
		List<Callable<Resp>> tries = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			tries.add(() -> post(P + id + "/communications", token, communication("并发提交的同一次沟通"), "Idempotency-Key",
					"burst-" + id));
		}
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Integer> statuses = new ArrayList<>();
		try {
			for (Future<Resp> answer : pool.invokeAll(tries)) {
				statuses.add(answer.get().status());
			}
		}
		finally {
			pool.shutdownNow();
		}
		// 201 (first or replayed), or 409 idempotency-key-in-progress while the first
		// runs; never a second record
		assertThat(statuses).as(statuses.toString()).allMatch((s) -> s == 201 || s == 409).contains(201);
		assertThat(rows("communication", id)).isEqualTo(1);
		assertThat(events(id, "proposal.communication-recorded")).isEqualTo(1);
	}

}
