package cn.gov.cppcc.proposals.proposal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar;
import cn.gov.cppcc.proposals.proposal.deadline.DeadlineJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key proposals (重点提案: selection, supervision, progress reports and their deadline) and
 * the follow-up answer a B-class reply owes (DOMAIN.md), through the HTTP API with the
 * real database: each rule, each illegal move (409 illegal-transition), scope (404),
 * roles (403), events in the outbox, audit, and reminders once per deadline.
 */
class KeyProposalAndFollowUpTests extends IntegrationTestSupport {

	private static final String P = "/api/v1/proposals/";

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	DeadlineJob deadlineJob;

	private static Map<String, Object> key() {
		return Map.of("supervisor", "省政协副主席王某", "leadingLeader", "副省长李某", "reason", "事关全省数字政府建设");
	}

	private static Map<String, Object> reply(String resultClass) {
		return Map.of("resultClass", resultClass, "body", "答复正文", "sections",
				List.of(Map.of("suggestionIndex", 1, "text", "一"), Map.of("suggestionIndex", 2, "text", "二")), "signer",
				"张厅长", "contactName", "李处长", "contactPhone", "13812345678");
	}

	private static Map<String, Object> followUp(String resultClass) {
		return Map.of("resultClass", resultClass, "body", "承诺事项已完成：平台已上线运行。", "signer", "张厅长", "contactName", "李处长",
				"contactPhone", "13812345678");
	}

	private String payload(String id, String type) {
		return this.jdbc.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = ?")
			.params(id, type)
			.query(String.class)
			.single();
	}

	private int notices(String id, String type, String kind) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = ? AND payload LIKE ?")
			.params(id, type, "%\"deadlineKind\":\"" + kind + "\"%")
			.query(Integer.class)
			.single();
	}

	private String sendReply(String id, String resultClass) {
		assertThat(put(P + id + "/reply", handlerGxt(), reply(resultClass)).status()).isEqualTo(200);
		Resp sent = post(P + id + "/reply/submit", leaderGxt(), null);
		assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
		assertThat(sent.body().path("status").asString()).isEqualTo("REPLIED");
		return sent.body().path("replies").get(0).path("followUpDue").asString(null);
	}

	@Test
	void keyProposalSelectedSupervisedAndTracked() {
		String submitted = submitted("重点提案未立案测试");
		assertThat(post(P + submitted + "/key-proposal", committee(), key()).code()).as("not filed yet")
			.isEqualTo("illegal-transition");

		String id = filed("关于加快数字政府建设的重点提案");
		assertThat(post(P + id + "/key-proposal", member1(), key()).status()).isEqualTo(403);
		assertThat(post(P + id + "/key-proposal", handlerGxt(), key()).status()).isEqualTo(403);
		assertThat(post(P + id + "/key-proposal", committee(), Map.of("reason", "无督办领导")).code())
			.isEqualTo("validation-failed");
		assertThat(post("/api/v1/proposals/999999/key-proposal", committee(), key()).status()).isEqualTo(404);
		assertThat(post(P + id + "/key-proposal", committee(), key(), "If-Match", "\"0\"").status()).isEqualTo(412);

		Resp selected = post(P + id + "/key-proposal", committee(), key());
		assertThat(selected.status()).as(selected.body().toString()).isEqualTo(200);
		assertThat(selected.header("ETag")).isNotNull();
		assertThat(selected.body().path("keyProposal").asBoolean()).isTrue();
		assertThat(selected.body().path("key").path("supervisor").asString()).isEqualTo("省政协副主席王某");
		assertThat(selected.body().path("key").path("leadingLeader").asString()).isEqualTo("副省长李某");
		assertThat(selected.body().path("deadlines").path("keyProgress").isNull()).as("set at assignment").isTrue();
		assertThat(post(P + id + "/key-proposal", committee(), key()).code()).as("selected twice")
			.isEqualTo("illegal-transition");
		assertThat(post(P + id + "/supervisions", committee(),
				Map.of("kind", "MEETING", "at", "2026-11-20T10:00:00+08:00", "participants", "王副主席", "summary", "督办"))
			.code()).as("not assigned yet").isEqualTo("illegal-transition");

		// assignment sets the progress deadline on the working-day calendar
		Resp assigned = post(P + id + "/assignment", committee(),
				Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3")));
		assertThat(assigned.status()).isEqualTo(200);
		LocalDate progressBy = LocalDate.parse(assigned.body().path("deadlines").path("keyProgress").asString());
		assertThat(progressBy).isEqualTo(this.calendar.addWorkingDays(LocalDate.now(ZONE), 20));
		assertThat(assigned.body().path("key").path("leadingUnitIds").toString()).isEqualTo("[\"2\"]");

		// the key list
		assertThat(get("/api/v1/proposals?keyProposal=true&size=100", committee()).body().path("items").toString())
			.contains("\"" + id + "\"");
		assertThat(get("/api/v1/proposals?keyProposal=false&size=100", committee()).body().path("items").toString())
			.doesNotContain("\"" + id + "\"");
		assertThat(get("/api/v1/proposals?keyProposal=true&size=100", handlerDsj()).body().path("items").toString())
			.as("scoped")
			.doesNotContain("\"" + id + "\"");

		// supervision by the committee
		Resp supervised = post(P + id + "/supervisions", committee(), Map.of("kind", "INSPECTION", "at",
				"2026-11-20T10:00:00+08:00", "participants", "王副主席、省工信厅", "summary", "实地督办，听取进展汇报"));
		assertThat(supervised.status()).as(supervised.body().toString()).isEqualTo(201);
		assertThat(supervised.header("Location")).isEqualTo(P + id);
		assertThat(supervised.body().path("key").path("supervisions").get(0).path("kind").asString())
			.isEqualTo("INSPECTION");
		assertThat(post(P + id + "/supervisions", committee(),
				Map.of("kind", "PARTY", "at", "2026-11-20T10:00:00+08:00", "participants", "x", "summary", "y"))
			.status()).isEqualTo(400);

		// a retried create with the same Idempotency-Key records it once; the key covers
		// the path and the body
		Map<String, Object> survey = Map.of("kind", "SURVEY", "at", "2026-11-21T10:00:00+08:00", "participants", "调研组",
				"summary", "专题调研");
		Resp first = post(P + id + "/supervisions", committee(), survey, "Idempotency-Key", "survey-" + id);
		assertThat(first.status()).isEqualTo(201);
		Resp retried = post(P + id + "/supervisions", committee(), survey, "Idempotency-Key", "survey-" + id);
		assertThat(retried.status()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retried.body().path("key").path("supervisions")).hasSize(2);
		assertThat(post(P + id + "/supervisions", committee(),
				Map.of("kind", "FORUM", "at", "2026-11-21T10:00:00+08:00", "participants", "调研组", "summary", "座谈"),
				"Idempotency-Key", "survey-" + id)
			.code()).isEqualTo("idempotency-key-reused");
		assertThat(post("/api/v1/proposals/" + submitted + "/supervisions", committee(), survey, "Idempotency-Key",
				"survey-" + id)
			.code()).as("same key and body, another proposal").isEqualTo("idempotency-key-reused");

		// progress: the lead unit only; others' staff do not even see it
		assertThat(post(P + id + "/progress-reports", handlerDsj(), Map.of("summary", "进展")).status()).isEqualTo(404);
		assertThat(post(P + id + "/progress-reports", handlerZwb(), Map.of("summary", "协办进展")).code())
			.as("a co-handling unit")
			.isEqualTo("illegal-transition");
		assertThat(post(P + id + "/progress-reports", leaderGxt(), Map.of("summary", "进展")).status()).isEqualTo(403);
		Resp reported = post(P + id + "/progress-reports", handlerGxt(), Map.of("summary", "已完成平台方案论证"));
		assertThat(reported.status()).as(reported.body().toString()).isEqualTo(201);
		assertThat(reported.body().path("key").path("progressReports").get(0).path("unitId").asString()).isEqualTo("2");

		// events (one each), history and audit
		assertThat(events(id, "proposal.key-proposal-selected")).isEqualTo(1);
		assertThat(events(id, "proposal.supervision-recorded")).isEqualTo(2);
		assertThat(events(id, "proposal.progress-reported")).isEqualTo(1);
		assertThat(get(P + id + "/history", committee()).body().toString()).contains("key-proposal-select",
				"supervision", "progress-report");
		assertThat(audited(id, "POST /api/v1/proposals/{id}/key-proposal", "SUCCESS")).isEqualTo(1);
		assertThat(audited(id, "POST /api/v1/proposals/{id}/key-proposal", "FAILURE")).isPositive();
		assertThat(audited(id, "POST /api/v1/proposals/{id}/progress-reports", "SUCCESS")).isEqualTo(1);

		// the lead unit reported: no progress reminder for it
		this.deadlineJob.run(progressBy.minusDays(1));
		this.deadlineJob.run(progressBy.plusDays(1));
		assertThat(notices(id, "proposal.deadline-reminder", "KEY_PROGRESS")).isZero();
		assertThat(notices(id, "proposal.deadline-overdue", "KEY_PROGRESS")).isZero();

		// cancelled: no longer key, no more supervision
		Resp cancelled = post(P + id + "/key-proposal/cancellation", committee(), Map.of("reason", "已纳入常规办理"));
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.body().path("keyProposal").asBoolean()).isFalse();
		assertThat(cancelled.body().path("key").isNull()).isTrue();
		assertThat(post(P + id + "/key-proposal/cancellation", committee(), Map.of("reason", "再次")).code())
			.isEqualTo("illegal-transition");
		assertThat(post(P + id + "/progress-reports", handlerGxt(), Map.of("summary", "进展")).code())
			.isEqualTo("illegal-transition");
		assertThat(events(id, "proposal.key-proposal-cancelled")).isEqualTo(1);
	}

	@Test
	void progressReminderOncePerDeadline() {
		String id = assigned("重点提案进展提醒测试");
		Resp selected = post(P + id + "/key-proposal", committee(), Map.of("supervisor", "省政协副主席王某"));
		assertThat(selected.status()).isEqualTo(200);
		LocalDate progressBy = LocalDate.parse(selected.body().path("deadlines").path("keyProgress").asString());
		assertThat(progressBy).isEqualTo(this.calendar.addWorkingDays(LocalDate.now(ZONE), 20));
		this.deadlineJob.run(progressBy.minusDays(1));
		this.deadlineJob.run(progressBy.minusDays(1));
		this.deadlineJob.run(progressBy);
		assertThat(notices(id, "proposal.deadline-reminder", "KEY_PROGRESS")).isEqualTo(1);
		this.deadlineJob.run(progressBy.plusDays(1));
		this.deadlineJob.run(progressBy.plusDays(2));
		assertThat(notices(id, "proposal.deadline-overdue", "KEY_PROGRESS")).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.deadline-overdue'
				AND payload LIKE '%KEY_PROGRESS%'""").param(id).query(String.class).single())
			.contains("\"unitId\":\"2\"")
			.contains("\"keyProposal\":true");
	}

	@Test
	void aBClassReplyOwesOneFollowUp() {
		String id = assigned("关于B类答复跟踪办理的提案");
		String due = sendReply(id, "B");
		LocalDate followUpDue = LocalDate.parse(due);
		assertThat(followUpDue).isEqualTo(this.calendar.addMonths(LocalDate.now(ZONE), 6));
		// the due date is in the reply's event too (statistics count follow-ups from it)
		assertThat(payload(id, "proposal.reply-submitted")).contains("\"followUpDue\":\"" + due + "\"");

		// reminder and overdue, once each, however often the job runs; by then the
		// feedback window has long ended and the proposal is closed, the promise is not
		this.deadlineJob.run(followUpDue.minusDays(1));
		this.deadlineJob.run(followUpDue.minusDays(1));
		assertThat(notices(id, "proposal.deadline-reminder", "FOLLOW_UP")).isEqualTo(1);
		this.deadlineJob.run(followUpDue.plusDays(1));
		this.deadlineJob.run(followUpDue.plusDays(1));
		assertThat(notices(id, "proposal.deadline-overdue", "FOLLOW_UP")).isEqualTo(1);
		assertThat(get(P + id, member1()).body().path("status").asString()).isEqualTo("CLOSED");

		// who may answer
		assertThat(post(P + id + "/follow-ups", handlerGxt(), followUp("A")).status()).as("the leader signs")
			.isEqualTo(403);
		assertThat(post(P + id + "/follow-ups", user("3009", "leader-cz", "UNIT_LEADER", "5"), followUp("A")).status())
			.as("a unit not assigned")
			.isEqualTo(404);
		assertThat(post(P + id + "/follow-ups", leaderZwb(), followUp("A")).code()).as("a co-unit sent no reply")
			.isEqualTo("illegal-transition");
		assertThat(post(P + id + "/follow-ups", leaderGxt(), followUp("Z")).code()).isEqualTo("validation-failed");
		assertThat(post(P + id + "/follow-ups", leaderGxt(), Map.of("resultClass", "A")).code())
			.isEqualTo("validation-failed");

		Resp answered = post(P + id + "/follow-ups", leaderGxt(), followUp("A"));
		assertThat(answered.status()).as(answered.body().toString()).isEqualTo(201);
		assertThat(answered.header("Location")).isEqualTo(P + id);
		assertThat(answered.body().path("status").asString()).as("the status does not change").isEqualTo("CLOSED");
		assertThat(answered.body().path("followUps").get(0).path("resultClass").asString()).isEqualTo("A");
		assertThat(answered.body().path("followUps").get(0).path("onTime").asBoolean()).isTrue();
		assertThat(answered.body().path("followUps").get(0).path("contactPhone").asString()).isEqualTo("13812345678");
		assertThat(get(P + id, member1()).body().path("followUps").get(0).path("contactPhone").asString())
			.isEqualTo("138****5678");
		assertThat(post(P + id + "/follow-ups", leaderGxt(), followUp("A")).code())
			.isEqualTo("follow-up-already-given");
		assertThat(events(id, "proposal.follow-up-submitted")).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND type = 'proposal.follow-up-submitted'")
			.param(id)
			.query(String.class)
			.single()).contains("\"resultClass\":\"A\"")
			.contains("\"unitId\":\"2\"")
			.contains("\"onTime\":true")
			.contains("\"followUpDue\":\"" + due + "\"");
		assertThat(audited(id, "POST /api/v1/proposals/{id}/follow-ups", "SUCCESS")).isEqualTo(1);

		// answered: no more notices
		this.deadlineJob.run(followUpDue.plusDays(5));
		assertThat(notices(id, "proposal.deadline-overdue", "FOLLOW_UP")).isEqualTo(1);

		// and while REPLIED, before any rating
		String replied = assigned("关于答复后即报跟踪情况的提案");
		sendReply(replied, "B");
		Resp early = post(P + replied + "/follow-ups", leaderGxt(), followUp("B"));
		assertThat(early.status()).isEqualTo(201);
		assertThat(early.body().path("status").asString()).isEqualTo("REPLIED");
	}

	@Test
	void noFollowUpForOtherClassesOrDuringRehandling() {
		String id = assigned("关于A类答复无需跟踪的提案");
		assertThat(post(P + id + "/follow-ups", leaderGxt(), followUp("A")).code()).as("no reply yet")
			.isEqualTo("illegal-transition");
		assertThat(sendReply(id, "A")).isNull();
		assertThat(payload(id, "proposal.reply-submitted")).contains("\"followUpDue\":null");
		assertThat(post(P + id + "/follow-ups", leaderGxt(), followUp("A")).code()).as("nothing promised")
			.isEqualTo("illegal-transition");

		// the committee changes the class to B: the follow-up is due from the reply's
		// date
		Resp reclassified = post(P + id + "/reply/classification", committee(), Map.of("resultClass", "B"));
		assertThat(reclassified.status()).isEqualTo(200);
		assertThat(LocalDate.parse(reclassified.body().path("replies").get(0).path("followUpDue").asString()))
			.isEqualTo(this.calendar.addMonths(LocalDate.now(ZONE), 6));
		assertThat(payload(id, "proposal.reply-reclassified"))
			.contains("\"followUpDue\":\"" + this.calendar.addMonths(LocalDate.now(ZONE), 6) + "\"");

		// an unsatisfied proposer sends it back: the new round supersedes the reply
		assertThat(
				post(P + id + "/feedback", member1(), Map.of("rating", "UNSATISFIED")).body().path("status").asString())
			.isEqualTo("REHANDLING");
		assertThat(post(P + id + "/follow-ups", leaderGxt(), followUp("A")).code()).isEqualTo("illegal-transition");
		assertThat(events(id, "proposal.follow-up-submitted")).isZero();
		List<String> kinds = new ArrayList<>();
		this.jdbc.sql("SELECT deadline_kind FROM deadline_notice WHERE proposal_id = ?")
			.param(Long.parseLong(id))
			.query((rs) -> {
				kinds.add(rs.getString(1));
			});
		assertThat(kinds).doesNotContain("FOLLOW_UP");
	}

	@Test
	void theNewEndpointsAreDocumented() {
		Resp docs = get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		var paths = docs.body().path("paths");
		assertThat(paths.path("/api/v1/proposals/{id}/key-proposal").path("post").path("description").asString())
			.contains("illegal-transition", "FILED, ASSIGNED or REHANDLING");
		assertThat(
				paths.path("/api/v1/proposals/{id}/key-proposal/cancellation").path("post").path("summary").asString())
			.isNotBlank();
		for (String path : List.of("/supervisions", "/progress-reports", "/follow-ups")) {
			var post = paths.path("/api/v1/proposals/{id}" + path).path("post");
			assertThat(post.path("description").asString()).as(path).contains("201");
			assertThat(post.path("responses").has("201")).as(path).isTrue();
		}
		assertThat(paths.path("/api/v1/proposals/{id}/follow-ups").path("post").path("description").asString())
			.contains("follow-up-already-given");
	}

}
