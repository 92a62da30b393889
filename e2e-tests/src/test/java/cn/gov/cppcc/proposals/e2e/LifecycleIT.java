package cn.gov.cppcc.proposals.e2e;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole life of one proposal through the gateway, as each role, with the real
 * services and database: draft, joint proposal, review, assignment, selection as a key
 * proposal with supervision and a progress report, handling, a B-class reply, feedback,
 * publication, the follow-up answer to the B-class reply; the event feed; the
 * notifications and statistics that follow from the events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {

	static Platform platform;

	static String id;

	static String etag;

	@BeforeAll
	static void start() {
		platform = Platform.get();
	}

	private static Map<String, Object> draft() {
		return Map.of("title", "关于推进长江沿线化工企业数字化安全监管的提案", "content",
				"沿江化工园区安全监管手段仍以人工巡查为主，数据分散在多个部门。建议依托工业互联网和大数据平台，实现监测预警和联合执法。", "category", "经济", "suggestions",
				List.of("建设全省化工园区安全生产监测预警平台", "打通应急、生态环境、工信等部门的监管数据"), "coProposerIds", List.of("1002"));
	}

	private static Response change(String action, String user, Object body) {
		Response answer = platform.send("POST", "/api/v1/proposals/" + id + "/" + action, user, body, "If-Match", etag);
		if (answer.status() == 200) {
			etag = answer.header("ETag");
		}
		return answer;
	}

	@Test
	@Order(1)
	void aMemberDraftsAJointProposalOnceWhateverTheRetries() {
		String key = UUID.randomUUID().toString();
		Response created = platform.send("POST", "/api/v1/proposals", "member1", draft(), "Idempotency-Key", key);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).contains("/api/v1/proposals/");
		id = created.json().get("id").asString();
		etag = created.header("ETag");
		assertThat(created.json().get("status").asString()).isEqualTo("DRAFT");

		Response again = platform.send("POST", "/api/v1/proposals", "member1", draft(), "Idempotency-Key", key);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().get("id").asString()).isEqualTo(id);

		Map<String, Object> other = Map.of("title", "另一件提案", "content", "内容", "category", "经济", "suggestions",
				List.of("建议"));
		Response reused = platform.send("POST", "/api/v1/proposals", "member1", other, "Idempotency-Key", key);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.isProblem()).isTrue();
	}

	@Test
	@Order(1)
	void theSameIdempotencyKeyTenTimesAtOnceThroughTheGatewayMakesOneProposal() throws Exception {
		String key = UUID.randomUUID().toString();
		String title = "关于幂等提交测试的提案" + key.substring(0, 8);
		Map<String, Object> body = Map.of("title", title, "content", "同一个幂等键并发提交十次。", "category", "经济", "suggestions",
				List.of("只应产生一件草稿"));
		List<Callable<Response>> tries = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			tries.add(() -> platform.send("POST", "/api/v1/proposals", "member1", body, "Idempotency-Key", key));
		}
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Integer> statuses = new ArrayList<>();
		try {
			for (Future<Response> answer : pool.invokeAll(tries)) {
				statuses.add(answer.get().status());
			}
		}
		finally {
			pool.shutdownNow();
		}
		// 201 (first or replayed) or 409 idempotency-key-in-progress while the first runs
		assertThat(statuses).as(statuses.toString()).allMatch((s) -> s == 201 || s == 409).contains(201);
		Response replay = platform.send("POST", "/api/v1/proposals", "member1", body, "Idempotency-Key", key);
		assertThat(replay.status()).isEqualTo(201);
		Response drafts = platform.get("/api/v1/proposals?status=DRAFT&size=100", "member1");
		assertThat(drafts.json().get("items").valueStream().filter((p) -> title.equals(p.get("title").asString())))
			.hasSize(1);
	}

	@Test
	@Order(2)
	void submittingInvitesTheCoSignerWhoConfirms() {
		Response submitted = change("submit", "member1", null);
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
		assertThat(submitted.json().get("status").asString()).isEqualTo("SUBMITTED");

		Response twice = platform.send("POST", "/api/v1/proposals/" + id + "/submit", "member1", null);
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("illegal-transition");

		Response confirmed = platform.post("/api/v1/proposals/" + id + "/co-signature", "member2",
				Map.of("accept", true));
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
		etag = confirmed.header("ETag");
	}

	@Test
	@Order(3)
	void othersCannotSeeItAndMembersCannotReview() {
		assertThat(platform.get("/api/v1/proposals/" + id, "member3").status()).isEqualTo(404);
		assertThat(platform.get("/api/v1/proposals/" + id, "handler-gxt").status()).isEqualTo(404);
		Response review = platform.post("/api/v1/proposals/" + id + "/review", "member1",
				Map.of("decision", "FILE", "category", "经济"));
		assertThat(review.status()).isIn(403, 404);
		assertThat(review.isProblem()).isTrue();
		Response anonymous = platform.get("/api/v1/proposals/" + id, null);
		assertThat(anonymous.status()).isEqualTo(401);
	}

	@Test
	@Order(4)
	void theCommitteeFilesItWithASessionNumberAndAssignsIt() {
		Response stale = platform.send("POST", "/api/v1/proposals/" + id + "/review", "committee1",
				Map.of("decision", "FILE", "category", "经济"), "If-Match", "\"0\"");
		assertThat(stale.status()).isEqualTo(412);

		etag = platform.get("/api/v1/proposals/" + id, "committee1").header("ETag");
		Response filed = change("review", "committee1", Map.of("decision", "FILE", "category", "经济"));
		assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
		assertThat(filed.json().get("status").asString()).isEqualTo("FILED");
		assertThat(filed.json().get("number").asString()).matches(".*第\\d{4}号");

		Response unknownEnum = platform.post("/api/v1/proposals/" + id + "/assignment", "committee1",
				Map.of("mode", "SOMETIMES", "leadUnitId", "2"));
		assertThat(unknownEnum.status()).isEqualTo(400);

		Response assigned = change("assignment", "committee1",
				Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("4")));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		assertThat(assigned.json().get("status").asString()).isEqualTo("ASSIGNED");
		// 办前沟通: the lead unit meets or calls the proposer within 15 working days
		LocalDate communicationBy = LocalDate.parse(assigned.json().get("deadlines").get("communication").asString());
		LocalDate replyBy = LocalDate.parse(assigned.json().get("deadlines").get("reply").asString());
		assertThat(communicationBy).isAfter(LocalDate.now().plusDays(14)).isBefore(replyBy);
	}

	@Test
	@Order(2)
	void aNotFiledProposalIsForwardedAsAnOpinionOnlyWithItsAuthorsConsent() {
		Response created = platform.post("/api/v1/proposals", "member3", Map.of("title", "关于解决本人所在小区停车难问题的提案",
				"content", "小区停车位不足，希望有关部门协调解决。", "category", "社会", "suggestions", List.of("增设小区周边停车泊位")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String forwarded = created.json().get("id").asString();
		assertThat(platform.post("/api/v1/proposals/" + forwarded + "/submit", "member3", null).status())
			.isEqualTo(200);

		Response notFiled = platform.post("/api/v1/proposals/" + forwarded + "/review", "committee1",
				Map.of("decision", "NOT_FILE", "reason", "PERSONAL_MATTER", "note", "属个人具体诉求", "forwardAsOpinion", true,
						"forwardToUnitId", "4"));
		assertThat(notFiled.status()).as(notFiled.toString()).isEqualTo(200);
		assertThat(notFiled.json().get("status").asString()).isEqualTo("NOT_FILED");
		JsonNode asked = notFiled.json().get("notFiled");
		assertThat(asked.get("forwardedAsOpinion").asBoolean()).as("nothing forwarded before consent").isFalse();
		assertThat(asked.get("forwarding").get("status").asString()).isEqualTo("AWAITING_CONSENT");
		assertThat(asked.get("forwarding").get("toUnitId").asString()).isEqualTo("4");

		Response committee = platform.post("/api/v1/proposals/" + forwarded + "/forwarding-consent", "committee1",
				Map.of("consent", true));
		assertThat(committee.status()).as("only the author answers").isEqualTo(403);
		assertThat(committee.isProblem()).isTrue();
		Response otherMember = platform.post("/api/v1/proposals/" + forwarded + "/forwarding-consent", "member1",
				Map.of("consent", true));
		assertThat(otherMember.status()).as("not theirs: not even a hint").isEqualTo(404);
		assertThat(otherMember.isProblem()).isTrue();

		Response consented = platform.post("/api/v1/proposals/" + forwarded + "/forwarding-consent", "member3",
				Map.of("consent", true));
		assertThat(consented.status()).as(consented.toString()).isEqualTo(200);
		assertThat(consented.header("ETag")).isNotNull();
		assertThat(consented.json().get("status").asString()).isEqualTo("NOT_FILED");
		assertThat(consented.json().get("notFiled").get("forwardedAsOpinion").asBoolean()).isTrue();
		assertThat(consented.json().get("notFiled").get("forwarding").get("status").asString()).isEqualTo("FORWARDED");
		Response again = platform.post("/api/v1/proposals/" + forwarded + "/forwarding-consent", "member3",
				Map.of("consent", false));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();
		assertThat(again.json().get("code").asString()).isEqualTo("forwarding-not-awaiting-consent");
		assertThat(platform.get("/api/v1/proposals/" + forwarded + "/history", "member3").body())
			.contains("forwarding-consent");

		String client = platform.clientToken("demo-12345", Platform.DEMO_PASSWORD);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Response feed = platform.sendTo(Platform.gateway(), "GET", "/api/v1/events?after=0&limit=500", client,
					null);
			List<String> types = feed.json()
				.get("items")
				.valueStream()
				.filter((e) -> forwarded.equals(e.get("aggregateId").asString()))
				.map((e) -> e.get("type").asString())
				.toList();
			assertThat(types).containsSubsequence("proposal.not-filed", "proposal.forwarded");
		});
		// the author was asked, the receiving unit's staff are told
		// (notification-service)
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(platform.get("/api/v1/notifications", "member3").body()).contains("请确认是否同意转为社情民意");
			assertThat(platform.get("/api/v1/notifications", "handler-dsj").body()).contains("转来社情民意信息")
				.contains("停车难");
		});
	}

	@Test
	@Order(5)
	void theCommitteeMakesItAKeyProposalSupervisesItAndTheLeadUnitReportsProgress() {
		Response memberCannot = platform.post("/api/v1/proposals/" + id + "/key-proposal", "member1",
				Map.of("supervisor", "省政协副主席"));
		assertThat(memberCannot.status()).isEqualTo(403);
		assertThat(memberCannot.isProblem()).isTrue();

		Response selected = change("key-proposal", "committee1",
				Map.of("supervisor", "省政协副主席王某", "leadingLeader", "分管副省长", "reason", "事关长江大保护"));
		assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
		assertThat(selected.json().get("keyProposal").asBoolean()).isTrue();
		assertThat(selected.json().get("status").asString()).as("the status does not change").isEqualTo("ASSIGNED");
		assertThat(selected.json().get("key").get("supervisor").asString()).isEqualTo("省政协副主席王某");
		assertThat(selected.json().get("deadlines").get("keyProgress").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
		Response twice = platform.post("/api/v1/proposals/" + id + "/key-proposal", "committee1",
				Map.of("supervisor", "省政协副主席王某"));
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("illegal-transition");

		Response keyList = platform.get("/api/v1/proposals?keyProposal=true&size=100", "committee1");
		assertThat(keyList.status()).isEqualTo(200);
		assertThat(keyList.body()).contains(id);

		Response supervised = platform.post("/api/v1/proposals/" + id + "/supervisions", "committee1",
				Map.of("kind", "INSPECTION", "at", OffsetDateTime.now().minusHours(2).toString(), "participants",
						"王副主席、省工信厅、省应急厅", "summary", "赴沿江化工园区实地督办"));
		assertThat(supervised.status()).as(supervised.toString()).isEqualTo(201);

		Response outsider = platform.post("/api/v1/proposals/" + id + "/progress-reports", "handler-zwb",
				Map.of("summary", "进展"));
		assertThat(outsider.status()).as("a unit not assigned does not see it").isEqualTo(404);
		Response coUnit = platform.post("/api/v1/proposals/" + id + "/progress-reports", "handler-dsj",
				Map.of("summary", "协办进展"));
		assertThat(coUnit.status()).isEqualTo(409);
		assertThat(coUnit.json().get("code").asString()).isEqualTo("illegal-transition");
		Response reported = platform.post("/api/v1/proposals/" + id + "/progress-reports", "handler-gxt",
				Map.of("summary", "监测预警平台方案已通过专家论证"));
		assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
		assertThat(reported.json().get("key").get("progressReports").get(0).get("unitId").asString()).isEqualTo("2");
		assertThat(reported.json().get("key").get("supervisions").get(0).get("kind").asString())
			.isEqualTo("INSPECTION");
	}

	@Test
	@Order(6)
	void theUnitsHandleItAndOnlyTheirStaffSeeIt() {
		assertThat(platform.get("/api/v1/proposals/" + id, "handler-gxt").status()).isEqualTo(200);
		assertThat(platform.get("/api/v1/proposals/" + id, "handler-dsj").status()).isEqualTo(200);
		assertThat(platform.get("/api/v1/proposals/" + id, "handler-zwb").status()).isEqualTo(404);

		// 办前沟通, recorded once however often the handler's app retries it
		Map<String, Object> meetingBody = Map.of("kind", "MEETING", "at", OffsetDateTime.now().minusDays(1).toString(),
				"participants", "曹丽虹委员、省工信厅安全生产处", "summary", "当面听取委员意见，商定办理方向");
		Response memberCannot = platform.post("/api/v1/proposals/" + id + "/communications", "member1", meetingBody);
		assertThat(memberCannot.status()).isEqualTo(403);
		assertThat(memberCannot.isProblem()).isTrue();
		String key = UUID.randomUUID().toString();
		Response meeting = platform.send("POST", "/api/v1/proposals/" + id + "/communications", "handler-gxt",
				meetingBody, "Idempotency-Key", key);
		assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
		Response retried = platform.send("POST", "/api/v1/proposals/" + id + "/communications", "handler-gxt",
				meetingBody, "Idempotency-Key", key);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(platform.get("/api/v1/proposals/" + id, "handler-gxt").json().get("communications").size())
			.isEqualTo(1);
		Response reused = platform.send(
				"POST", "/api/v1/proposals/" + id + "/communications", "handler-gxt", Map.of("kind", "PHONE", "at",
						OffsetDateTime.now().toString(), "participants", "曹丽虹委员", "summary", "电话沟通"),
				"Idempotency-Key", key);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.json().get("code").asString()).isEqualTo("idempotency-key-reused");

		Map<String, Object> opinionBody = Map.of("opinion", "大数据中心将提供数据共享交换平台支撑。");
		String opinionKey = UUID.randomUUID().toString();
		Response opinion = platform.send("POST", "/api/v1/proposals/" + id + "/co-opinions", "handler-dsj", opinionBody,
				"Idempotency-Key", opinionKey);
		assertThat(opinion.status()).as(opinion.toString()).isEqualTo(201);
		Response opinionAgain = platform.send("POST", "/api/v1/proposals/" + id + "/co-opinions", "handler-dsj",
				opinionBody, "Idempotency-Key", opinionKey);
		assertThat(opinionAgain.status()).isEqualTo(201);
		assertThat(opinionAgain.json().get("coOpinions").size()).isEqualTo(1);
	}

	@Test
	@Order(7)
	void aReplyMustAnswerEverySuggestionAndIsSignedByTheLeader() {
		Map<String, Object> incomplete = Map.of("resultClass", "B", "body", "答复正文", "sections",
				List.of(Map.of("suggestionIndex", 1, "text", "已启动监测预警平台建设")), "signer", "张厅长", "contactName", "李处长",
				"contactPhone", "025-83331234");
		Response saved = platform.put("/api/v1/proposals/" + id + "/reply", "handler-gxt", incomplete);
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		Response refused = platform.post("/api/v1/proposals/" + id + "/reply/submit", "leader-gxt", null);
		assertThat(refused.status()).as(refused.toString()).isBetween(400, 422);
		assertThat(refused.isProblem()).isTrue();

		Map<String, Object> complete = Map.of("resultClass", "B", "body", "答复正文：我厅会同有关部门认真研究。", "sections",
				List.of(Map.of("suggestionIndex", 1, "text", "已启动监测预警平台建设"),
						Map.of("suggestionIndex", 2, "text", "正在打通应急、生态环境数据")),
				"signer", "张厅长", "contactName", "李处长", "contactPhone", "13912345678");
		assertThat(platform.put("/api/v1/proposals/" + id + "/reply", "handler-gxt", complete).status()).isEqualTo(200);
		Response handlerCannotSign = platform.post("/api/v1/proposals/" + id + "/reply/submit", "handler-gxt", null);
		assertThat(handlerCannotSign.status()).isEqualTo(403);
		Response sent = platform.post("/api/v1/proposals/" + id + "/reply/submit", "leader-gxt", null);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		assertThat(sent.json().get("status").asString()).isEqualTo("REPLIED");
	}

	@Test
	@Order(8)
	void everyProposerRatesAndItCloses() {
		Response first = platform.post("/api/v1/proposals/" + id + "/feedback", "member1",
				Map.of("rating", "SATISFIED", "comment", "办理认真"));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		Response second = platform.post("/api/v1/proposals/" + id + "/feedback", "member2",
				Map.of("rating", "BASICALLY_SATISFIED"));
		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		assertThat(second.json().get("status").asString()).isEqualTo("CLOSED");
	}

	@Test
	@Order(9)
	void publicationMasksPersonalData() {
		Response published = platform.post("/api/v1/proposals/" + id + "/publication", "committee1",
				Map.of("level", "FULL"));
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		Response list = platform.get("/api/v1/public/replies?q=化工", null);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("化工").doesNotContain("13912345678");
	}

	@Test
	@Order(10)
	void theBClassReplyIsFollowedUpOnceThePromiseIsKept() {
		Response member = platform.get("/api/v1/proposals/" + id, "member1");
		JsonNode reply = member.json().get("replies").get(0);
		assertThat(reply.get("resultClass").asString()).isEqualTo("B");
		assertThat(reply.get("followUpDue").asString()).matches("\\d{4}-\\d{2}-\\d{2}");

		Map<String, Object> followUp = Map.of("resultClass", "A", "body", "承诺事项已完成：全省化工园区安全生产监测预警平台已上线运行。", "signer",
				"张厅长", "contactName", "李处长", "contactPhone", "13912345678");
		assertThat(platform.post("/api/v1/proposals/" + id + "/follow-ups", "handler-gxt", followUp).status())
			.as("the leader signs it")
			.isEqualTo(403);
		assertThat(platform.post("/api/v1/proposals/" + id + "/follow-ups", "leader-zwb", followUp).status())
			.as("a unit not assigned")
			.isEqualTo(404);
		Response answered = platform.post("/api/v1/proposals/" + id + "/follow-ups", "leader-gxt", followUp);
		assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
		assertThat(answered.json().get("status").asString()).isEqualTo("CLOSED");
		assertThat(answered.json().get("followUps").get(0).get("resultClass").asString()).isEqualTo("A");
		Response again = platform.post("/api/v1/proposals/" + id + "/follow-ups", "leader-gxt", followUp);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("follow-up-already-given");

		Response seen = platform.get("/api/v1/proposals/" + id, "member1");
		assertThat(seen.json().get("followUps").get(0).get("contactPhone").asString()).isEqualTo("139****5678");
	}

	@Test
	@Order(11)
	void theHistoryAndTheEventFeedRecordEveryStep() {
		Response history = platform.get("/api/v1/proposals/" + id + "/history", "member1");
		assertThat(history.status()).isEqualTo(200);
		assertThat(history.body()).contains("SUBMITTED").contains("FILED").contains("ASSIGNED").contains("CLOSED");
		assertThat(history.body()).contains("key-proposal-select", "supervision", "progress-report", "follow-up");

		String client = platform.clientToken("demo-12345", Platform.DEMO_PASSWORD);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Response feed = platform.sendTo(Platform.gateway(), "GET", "/api/v1/events?after=0&limit=500", client,
					null);
			assertThat(feed.status()).isEqualTo(200);
			List<String> types = feed.json()
				.get("items")
				.valueStream()
				.filter((e) -> id.equals(e.get("aggregateId").asString()))
				.map((e) -> e.get("type").asString())
				.toList();
			assertThat(types).containsSubsequence("proposal.submitted", "proposal.filed", "proposal.assigned",
					"proposal.key-proposal-selected", "proposal.supervision-recorded", "proposal.progress-reported",
					"proposal.communication-recorded", "proposal.reply-submitted", "proposal.closed",
					"proposal.published", "proposal.follow-up-submitted");
			long previous = 0;
			for (JsonNode event : feed.json().get("items")) {
				assertThat(event.get("position").asLong()).isEqualTo(previous + 1);
				previous = event.get("position").asLong();
			}
		});
		Response member = platform.get("/api/v1/events?after=0", "member1");
		assertThat(member.status()).isEqualTo(403);
	}

	@Test
	@Order(12)
	void theProposersAreNotifiedInTheirInbox() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Response inbox = platform.get("/api/v1/notifications", "member1");
			assertThat(inbox.status()).isEqualTo(200);
			assertThat(inbox.body()).contains("化工");
		});
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Response inbox = platform.get("/api/v1/notifications", "handler-gxt");
			assertThat(inbox.status()).isEqualTo(200);
			assertThat(inbox.body()).contains("化工");
		});
	}

	@Test
	@Order(13)
	void theStatisticsCountIt() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Response overview = platform.get("/api/v1/statistics/overview", "committee1");
			assertThat(overview.status()).as(overview.toString()).isEqualTo(200);
			assertThat(overview.body()).contains("received");
		});
		assertThat(platform.get("/api/v1/statistics/overview", "member1").status()).isEqualTo(403);
		assertThat(platform.get("/api/v1/public/statistics", null).status()).isEqualTo(200);
	}

}
