package cn.gov.cppcc.proposals.proposal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a proposal through the HTTP API, as each role, including the unhappy
 * paths (issue 4, "What I will check").
 */
class ProposalLifecycleTests extends IntegrationTestSupport {

	private static final String P = "/api/v1/proposals/";

	private static Map<String, Object> reply(String resultClass, String body, int... sections) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (int index : sections) {
			list.add(Map.of("suggestionIndex", index, "text", "针对建议" + index + "的办理情况。"));
		}
		return Map.of("resultClass", resultClass, "body", body, "sections", list, "signer", "张三", "contactName", "李四",
				"contactPhone", "13812345678");
	}

	@Test
	void fullLifeWithCoSignerRehandlingAndPublication() {
		// draft with a co-signer, edit, submit
		Resp created = post("/api/v1/proposals", member1(),
				draft("关于推进数据共享交换平台建设的提案", List.of("统一数据标准", "建设共享平台"), List.of("1002")));
		assertThat(created.status()).isEqualTo(201);
		String id = created.body().path("id").asString();
		assertThat(created.header("Location")).isEqualTo(P + id);
		assertThat(created.body().path("status").asString()).isEqualTo("DRAFT");

		Resp got = get(P + id, member1());
		assertThat(got.header("ETag")).isEqualTo("\"0\"");
		assertThat(get(P + id, member2()).status()).as("an invited co-signer does not see the draft").isEqualTo(404);

		Resp submitted = post(P + id + "/submit", member1(), null, "If-Match", "\"0\"");
		assertThat(submitted.status()).isEqualTo(200);
		assertThat(submitted.header("ETag")).isEqualTo("\"1\"");
		assertThat(submitted.body().path("status").asString()).isEqualTo("SUBMITTED");
		assertThat(post(P + id + "/submit", member1(), null).code()).isEqualTo("illegal-transition");
		assertThat(post(P + id + "/withdraw", member1(), null, "If-Match", "\"0\"").status()).as("stale If-Match")
			.isEqualTo(412);

		// the co-signer confirms; member3 was not invited
		assertThat(post(P + id + "/co-signature", member2(), Map.of("accept", true)).status()).isEqualTo(200);
		assertThat(post(P + id + "/co-signature", member3(), Map.of("accept", true)).status()).isEqualTo(404);

		// review: FILE assigns the session number
		Resp filed = post(P + id + "/review", committee(), Map.of("decision", "FILE"));
		assertThat(filed.status()).isEqualTo(200);
		assertThat(filed.body().path("number").asString()).matches("十三届四次会议第\\d{4}号");
		assertThat(filed.body().path("proposerIds").toString()).contains("1001", "1002");
		assertThat(get(P + id, handlerGxt()).status()).as("not yet assigned to the unit").isEqualTo(404);

		// assignment: lead 2, co 3
		Resp assigned = post(P + id + "/assignment", committee(),
				Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3")));
		assertThat(assigned.status()).isEqualTo(200);
		JsonNode deadlines = assigned.body().path("deadlines");
		LocalDate reply = LocalDate.parse(deadlines.path("reply").asString());
		LocalDate hard = LocalDate.parse(deadlines.path("hard").asString());
		assertThat(reply).isAfterOrEqualTo(LocalDate.now().plusMonths(3));
		assertThat(hard).isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(6));
		assertThat(post(P + id + "/assignment", committee(), Map.of("mode", "LEAD", "leadUnitId", "5")).code())
			.isEqualTo("illegal-transition");

		// handling: communication by the lead, co-opinion by the co-unit (not by the
		// lead)
		assertThat(post(P + id + "/communications", handlerGxt(), Map.of("kind", "MEETING", "at",
				"2026-11-20T10:00:00+08:00", "participants", "曹委员、经办人", "summary", "面商办理意见"))
			.status()).isEqualTo(201);
		assertThat(post(P + id + "/co-opinions", handlerGxt(), Map.of("opinion", "主办不能会办")).code())
			.isEqualTo("illegal-transition");
		assertThat(post(P + id + "/co-opinions", handlerZwb(), Map.of("opinion", "同意主办单位意见")).status()).isEqualTo(201);

		// reply: a co-unit cannot draft; a draft missing a section is refused at submit
		assertThat(put(P + id + "/reply", handlerZwb(), reply("A", "答复正文", 1, 2)).code())
			.isEqualTo("illegal-transition");
		assertThat(put(P + id + "/reply", handlerGxt(), reply("Z", "答复正文", 1, 2)).code())
			.isEqualTo("validation-failed");
		assertThat(put(P + id + "/reply", handlerGxt(), reply("A", "答复正文", 1)).status()).isEqualTo(200);
		Resp incomplete = post(P + id + "/reply/submit", leaderGxt(), null);
		assertThat(incomplete.status()).isEqualTo(422);
		assertThat(incomplete.code()).isEqualTo("reply-incomplete");
		assertThat(incomplete.body().path("errors").toString()).contains("sections[2]");
		assertThat(post(P + id + "/reply/submit", leaderZwb(), null).code()).isEqualTo("illegal-transition");
		assertThat(put(P + id + "/reply", handlerGxt(), reply("B", "答复正文，联系电话13812345678。", 1, 2)).status())
			.isEqualTo(200);
		Resp sent = post(P + id + "/reply/submit", leaderGxt(), null);
		assertThat(sent.status()).isEqualTo(200);
		assertThat(sent.body().path("status").asString()).isEqualTo("REPLIED");
		assertThat(get(P + id, member1()).body().path("replies").get(0).path("contactPhone").asString())
			.isEqualTo("138****5678");

		// feedback: member2 unsatisfied → re-handling, round 2
		assertThat(post(P + id + "/feedback", member1(), Map.of("rating", "SATISFIED")).status()).isEqualTo(200);
		assertThat(post(P + id + "/feedback", member1(), Map.of("rating", "SATISFIED")).code())
			.isEqualTo("feedback-already-given");
		Resp unsatisfied = post(P + id + "/feedback", member2(), Map.of("rating", "UNSATISFIED", "comment", "未逐条答复"));
		assertThat(unsatisfied.body().path("status").asString()).isEqualTo("REHANDLING");
		assertThat(unsatisfied.body().path("round").asInt()).isEqualTo(2);

		// second reply, then everyone satisfied → closed
		assertThat(put(P + id + "/reply", handlerGxt(), reply("A", "第二次答复", 1, 2)).status()).isEqualTo(200);
		assertThat(post(P + id + "/reply/submit", leaderGxt(), null).body().path("status").asString())
			.isEqualTo("REPLIED");
		post(P + id + "/feedback", member1(), Map.of("rating", "SATISFIED"));
		Resp closed = post(P + id + "/feedback", member2(), Map.of("rating", "BASICALLY_SATISFIED"));
		assertThat(closed.body().path("status").asString()).isEqualTo("CLOSED");

		// publication: the phone is masked in what is published
		assertThat(post(P + id + "/publication", member1(), Map.of("level", "FULL")).status()).isEqualTo(403);
		assertThat(post(P + id + "/publication", committee(), Map.of("level", "FULL")).status()).isEqualTo(200);
		Resp published = get("/api/v1/public/replies?size=100", null);
		assertThat(published.status()).isEqualTo(200);
		JsonNode mine = null;
		for (JsonNode item : published.body().path("items")) {
			if (item.path("proposalId").asString().equals(id) && item.path("round").asInt() == 1) {
				mine = item;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.path("body").asString()).contains("138****5678").doesNotContain("13812345678");
		assertThat(get("/api/v1/public/replies/" + mine.path("id").asString(), null).body().path("title").asString())
			.isEqualTo("关于推进数据共享交换平台建设的提案");

		// history: every transition with who, from, to
		Resp history = get(P + id + "/history", member1());
		List<String> actions = new ArrayList<>();
		history.body().forEach((h) -> actions.add(h.path("action").asString()));
		assertThat(actions).containsSubsequence("draft", "submit", "co-signature-confirm", "file", "assign",
				"communication", "co-opinion", "reply-submit", "feedback", "rehandling", "reply-submit", "close",
				"publish");
		assertThat(get(P + id + "/history", member3()).status()).isEqualTo(404);
	}

	@Test
	void anOrganisationMayProposeThroughAMember() {
		Map<String, Object> body = new java.util.HashMap<>(draft("关于以党派名义提出的测试提案", List.of("建议"), List.of()));
		body.put("organisation", "民盟江苏省委员会");
		Resp created = post("/api/v1/proposals", member1(), body);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.body().path("organisation").asString()).isEqualTo("民盟江苏省委员会");
		String id = created.body().path("id").asString();
		body.put("organisation", "长".repeat(129));
		assertThat(put(P + id, member1(), body).code()).isEqualTo("validation-failed");
		body.put("organisation", "九三学社江苏省委员会");
		assertThat(put(P + id, member1(), body).status()).isEqualTo(200);
		assertThat(get(P + id, member1()).body().path("organisation").asString()).isEqualTo("九三学社江苏省委员会");
		body.remove("organisation");
		assertThat(put(P + id, member1(), body).body().path("organisation").isNull()).as("a member's own again")
			.isTrue();
	}

	@Test
	void notFiledNeedsAReasonFromTheList() {
		String id = submitted("关于某产品推广的提案");
		assertThat(post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE")).code())
			.isEqualTo("validation-failed");
		assertThat(
				post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE", "reason", "ADVERTISING")).code())
			.isEqualTo("malformed-request");
		Resp notFiled = post(P + id + "/review", committee(), Map.of("decision", "NOT_FILE", "reason",
				"PRODUCT_PROMOTION", "note", "属产品推介", "forwardAsOpinion", true, "forwardToUnitId", "2"));
		assertThat(notFiled.status()).isEqualTo(200);
		assertThat(notFiled.body().path("status").asString()).isEqualTo("NOT_FILED");
		assertThat(notFiled.body().path("notFiled").path("forwardedAsOpinion").asBoolean())
			.as("forwarded only with the author's consent")
			.isFalse();
		assertThat(notFiled.body().path("notFiled").path("forwarding").path("status").asString())
			.isEqualTo("AWAITING_CONSENT");
		assertThat(post(P + id + "/assignment", committee(), Map.of("mode", "LEAD", "leadUnitId", "2")).code())
			.isEqualTo("illegal-transition");
	}

	@Test
	void mergedIntoAnotherFiledProposal() {
		String target = filed("关于加强大数据中心统筹布局的提案");
		String other = submitted("关于统筹建设大数据中心的提案");
		assertThat(post(P + other + "/merge", committee(), Map.of("intoId", other)).code())
			.isEqualTo("merge-target-invalid");
		Resp merged = post(P + other + "/merge", committee(), Map.of("intoId", target));
		assertThat(merged.status()).isEqualTo(200);
		assertThat(merged.body().path("status").asString()).isEqualTo("MERGED");
		assertThat(merged.body().path("mergedIntoId").asString()).isEqualTo(target);
		assertThat(get(P + target, committee()).body().path("mergedProposalIds").toString()).contains(other);
	}

	@Test
	void objectionsUpheldAndRejected() {
		String id = assigned("关于完善12345热线平台的提案");
		// a unit that does not handle it does not see it
		assertThat(post(P + id + "/objections", handlerDsj(), Map.of("reason", "非我单位职责")).status()).isEqualTo(404);
		Resp raised = post(P + id + "/objections", handlerZwb(), Map.of("reason", "不属于本单位职责"));
		assertThat(raised.status()).isEqualTo(201);
		assertThat(raised.body().path("status").asString()).as("stays ASSIGNED and shows it").isEqualTo("ASSIGNED");
		assertThat(raised.body().path("openObjection").asBoolean()).isTrue();
		String rejectedId = raised.body().path("objections").get(0).path("id").asString();
		assertThat(post(P + id + "/objections", handlerZwb(), Map.of("reason", "再次申请")).code())
			.isEqualTo("objection-already-open");
		Resp rejected = post(P + id + "/objections/" + rejectedId + "/decision", committee(),
				Map.of("uphold", false, "note", "职责相关，维持交办"));
		assertThat(rejected.status()).isEqualTo(200);
		assertThat(rejected.body().path("assignment").path("coUnitIds").toString()).contains("\"3\"");

		Resp lead = post(P + id + "/objections", handlerGxt(), Map.of("reason", "应由发改委主办"));
		String upheldId = lead.body().path("objections").get(1).path("id").asString();
		Resp upheld = post(P + id + "/objections/" + upheldId + "/decision", committee(),
				Map.of("uphold", true, "newLeadUnitId", "1"));
		assertThat(upheld.status()).isEqualTo(200);
		assertThat(upheld.body().path("status").asString()).isEqualTo("ASSIGNED");
		assertThat(upheld.body().path("assignment").path("leadUnitId").asString()).isEqualTo("1");
		assertThat(get(P + id, handlerGxt()).status()).as("the old lead unit no longer sees it").isEqualTo(404);
		assertThat(post(P + id + "/objections/" + upheldId + "/decision", committee(),
				Map.of("uphold", false, "note", "again"))
			.code()).isEqualTo("objection-not-open");
	}

	@Test
	void extensionNeverPastTheHardLimit() {
		String id = assigned("关于加快5G网络建设的提案");
		JsonNode deadlines = get(P + id, leaderGxt()).body().path("deadlines");
		LocalDate reply = LocalDate.parse(deadlines.path("reply").asString());
		LocalDate hard = LocalDate.parse(deadlines.path("hard").asString());
		assertThat(post(P + id + "/extension", handlerGxt(), Map.of("newDeadline", hard.toString(), "reason", "x"))
			.status()).isEqualTo(403);
		assertThat(post(P + id + "/extension", leaderZwb(), Map.of("newDeadline", hard.toString(), "reason", "x"))
			.status()).as("only the lead unit").isEqualTo(403);
		Resp tooFar = post(P + id + "/extension", leaderGxt(),
				Map.of("newDeadline", hard.plusDays(1).toString(), "reason", "需要调研"));
		assertThat(tooFar.status()).isEqualTo(409);
		assertThat(tooFar.code()).isEqualTo("extension-past-hard-limit");
		assertThat(
				post(P + id + "/extension", leaderGxt(), Map.of("newDeadline", reply.toString(), "reason", "x")).code())
			.isEqualTo("extension-not-later");
		assertThat(post(P + id + "/extension", leaderGxt(), Map.of("newDeadline", hard.toString(), "reason", "涉及多部门协调"))
			.status()).isEqualTo(200);
		Resp decided = post(P + id + "/extension/decision", committee(), Map.of("approved", true));
		assertThat(decided.status()).isEqualTo(200);
		assertThat(decided.body().path("deadlines").path("reply").asString()).isEqualTo(hard.toString());
		assertThat(post(P + id + "/extension/decision", committee(), Map.of("approved", true)).code())
			.isEqualTo("extension-not-pending");
	}

	@Test
	void unitsAreCheckedAgainstTheDirectory() {
		String id = filed("关于优化营商环境的提案");
		assertThat(post(P + id + "/assignment", committee(), Map.of("mode", "LEAD", "leadUnitId", "90")).code())
			.isEqualTo("unit-not-eligible");
		assertThat(post(P + id + "/assignment", committee(),
				Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("91")))
			.code()).isEqualTo("unit-not-eligible");
		assertThat(post(P + id + "/assignment", committee(), Map.of("mode", "LEAD", "leadUnitId", "777")).code())
			.isEqualTo("unit-not-eligible");
		DIRECTORY_DOWN.set(true);
		try {
			Resp down = post(P + id + "/assignment", committee(),
					Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3")));
			assertThat(down.status()).isEqualTo(503);
			assertThat(down.code()).isEqualTo("dependency-unavailable");
		}
		finally {
			DIRECTORY_DOWN.set(false);
		}
		Resp slow = post(P + id + "/assignment", committee(), Map.of("mode", "LEAD", "leadUnitId", "92"));
		assertThat(slow.status()).as("a directory slower than the read timeout").isEqualTo(503);
		assertThat(slow.code()).isEqualTo("dependency-unavailable");
		Resp still = get(P + id, committee());
		assertThat(still.body().path("status").asString()).isEqualTo("FILED");
		assertThat(still.body().path("assignment").isNull()).isTrue();
		Resp separate = post(P + id + "/assignment", committee(),
				Map.of("mode", "SEPARATE", "separateUnitIds", List.of("2", "3")));
		assertThat(separate.status()).isEqualTo(200);
		assertThat(separate.body().path("assignment").path("separateUnitIds").toString()).contains("2", "3");
	}

	@Test
	void withdrawBeforeReviewOnly() {
		String id = submitted("关于撤回测试的提案");
		assertThat(post(P + id + "/withdraw", member2(), null).status()).isEqualTo(404);
		assertThat(post(P + id + "/withdraw", member1(), null).body().path("status").asString()).isEqualTo("WITHDRAWN");
		String filed = filed("关于已立案不可撤回的提案");
		assertThat(post(P + filed + "/withdraw", member1(), null).code()).isEqualTo("illegal-transition");
	}

	@Test
	void badInputIsAProblemNotAServerError() {
		assertThat(post("/api/v1/proposals", member1(), "{not json").status()).isEqualTo(400);
		assertThat(post("/api/v1/proposals", member1(), Map.of("title", "", "content", "x")).code())
			.isEqualTo("validation-failed");
		assertThat(get(P + "abc", member1()).status()).isEqualTo(400);
		assertThat(get("/api/v1/proposals?status=NOPE", member1()).status()).isEqualTo(400);
		assertThat(get("/api/v1/proposals?size=1000", member1()).status()).isEqualTo(400);
		assertThat(get(P + "999999", committee()).status()).isEqualTo(404);
	}

	@Test
	void securityRulesAndScopes() {
		assertThat(get("/api/v1/proposals", null).status()).isEqualTo(401);
		assertThat(post("/api/v1/proposals", committee(), draft("t", List.of("s"), List.of())).status()).isEqualTo(403);
		assertThat(get("/api/v1/events", member1()).status()).isEqualTo(403);
		assertThat(get("/api/v1/events", client("demo-12345", "events:read")).status()).isEqualTo(200);
		assertThat(get("/api/v1/internal/audit-log", member1()).status()).isEqualTo(403);
		Resp audit = get("/api/v1/internal/audit-log?size=5", client("department-service", "internal"));
		assertThat(audit.status()).isEqualTo(200);
		assertThat(audit.body().path("items").size()).isPositive();
		assertThat(get("/api/v1/calendar/2026", member1()).status()).isEqualTo(200);
		assertThat(put("/api/v1/calendar/2026", member1(), Map.of("days", List.of())).status()).isEqualTo(403);
		// a client with proposals:read sees filed proposals only
		String draftId = post("/api/v1/proposals", member1(), draft("客户端不可见", List.of("s"), List.of())).body()
			.path("id")
			.asString();
		String reader = client("demo-12345", "proposals:read");
		assertThat(get(P + draftId, reader).status()).isEqualTo(404);
		String filed = filed("客户端可见的提案");
		assertThat(get(P + filed, reader).status()).isEqualTo(200);
	}

	@Test
	void searchFindsChineseWordsAndScopes() {
		String id = filed("关于发展低空经济产业的提案");
		Resp hits = get("/api/v1/proposals?q=低空经济", committee());
		assertThat(hits.status()).isEqualTo(200);
		assertThat(hits.body().path("items").toString()).contains("\"" + id + "\"");
		assertThat(get("/api/v1/proposals?q=低空经济", member2()).body().path("total").asInt()).isZero();
		assertThat(get("/api/v1/proposals?q=智慧江苏", member1()).body().path("items").toString())
			.contains("十二届一次会议第0768号");
		assertThat(get("/api/v1/proposals?status=FILED&session=13-4&size=100", committee()).body()
			.path("items")
			.toString()).contains("\"" + id + "\"");
	}

	@Test
	void searchPagesTheMatchesInTheCallersScopeWithFilters() {
		List<String> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(filed("关于加强湿地候鸟栖息地保护的提案" + i));
		}
		List<String> seen = new java.util.ArrayList<>();
		for (int page = 1; page <= 3; page++) {
			Resp hits = get("/api/v1/proposals?q=湿地候鸟&size=2&page=" + page, committee());
			assertThat(hits.status()).isEqualTo(200);
			assertThat(hits.body().path("total").asInt()).isEqualTo(5);
			hits.body().path("items").forEach((item) -> seen.add(item.path("id").asString()));
		}
		assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(ids);
		Resp beyond = get("/api/v1/proposals?q=湿地候鸟&size=2&page=4", committee());
		assertThat(beyond.body().path("items").size()).isZero();
		assertThat(beyond.body().path("total").asInt()).isEqualTo(5);
		assertThat(get("/api/v1/proposals?q=湿地候鸟&status=ASSIGNED", committee()).body().path("total").asInt()).isZero();
		assertThat(get("/api/v1/proposals?q=湿地候鸟", member2()).body().path("total").asInt()).isZero();
	}

	@Test
	void demoProposal0768IsPublished() {
		Resp replies = get("/api/v1/public/replies?q=智慧江苏", null);
		assertThat(replies.status()).isEqualTo(200);
		JsonNode item = replies.body().path("items").get(0);
		assertThat(item.path("number").asString()).isEqualTo("十二届一次会议第0768号");
		assertThat(item.path("title").asString()).isEqualTo("关于加快智慧江苏建设的提案");
		assertThat(item.path("unitName").asString()).isEqualTo("省工业和信息化厅");
		assertThat(item.path("resultClass").asString()).isEqualTo("B");
		assertThat(item.path("replyDate").asString()).isEqualTo("2018-06-14");
		assertThat(item.path("sections").size()).isEqualTo(4);
		assertThat(item.path("body").asString()).startsWith("对省政协十二届一次会议第0768号提案的答复")
			.contains("信息化发展指数达到78.22")
			.doesNotContain("才标");
		assertThat(item.path("sections").get(0).path("text").asString()).startsWith("(一)针对您提出的关于");
		JsonNode proposal = get(P + item.path("proposalId").asString(), member1()).body();
		assertThat(proposal.path("assignment").path("coUnitIds").toString()).contains("3", "4");
		assertThat(get(P + item.path("proposalId").asString(), handlerDsj()).status()).isEqualTo(200);
	}

	@Test
	void aReplyOfTwelveKilobytesLeavesWithAContentLengthNotInChunks() {
		String id = get("/api/v1/public/replies?q=智慧江苏", null).body().path("items").get(0).path("id").asString();
		Resp reply = get("/api/v1/public/replies/" + id, null);
		int bytes = reply.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		assertThat(bytes).as("larger than Tomcat's default 8 KiB buffer").isGreaterThan(8 * 1024);
		assertThat(reply.header("Transfer-Encoding")).isNull();
		assertThat(reply.header("Content-Length")).isEqualTo(String.valueOf(bytes));
	}

	@Test
	void separateUnitsEachReplyThenSummaryPublication() {
		String id = filed("关于分办测试的提案");
		assertThat(post(P + id + "/assignment", committee(),
				Map.of("mode", "SEPARATE", "separateUnitIds", List.of("2", "3")))
			.status()).isEqualTo(200);
		assertThat(put(P + id + "/reply", handlerGxt(), reply("A", "工信厅答复", 1, 2)).status()).isEqualTo(200);
		Resp first = post(P + id + "/reply/submit", leaderGxt(), null);
		assertThat(first.body().path("status").asString()).as("one of two units replied").isEqualTo("ASSIGNED");
		assertThat(get(P + id, handlerZwb()).body().path("replies").size()).as("sent replies are visible").isEqualTo(1);
		assertThat(put(P + id + "/reply", handlerZwb(), reply("B", "政务办答复", 1, 2)).status()).isEqualTo(200);
		assertThat(get(P + id, handlerGxt()).body().path("replies").size()).as("another unit's draft is not")
			.isEqualTo(1);
		Resp second = post(P + id + "/reply/submit", leaderZwb(), null);
		assertThat(second.body().path("status").asString()).isEqualTo("REPLIED");

		Resp reclassified = post(P + id + "/reply/classification", committee(), Map.of("resultClass", "C"));
		assertThat(reclassified.status()).isEqualTo(200);
		assertThat(post(P + id + "/reply/classification", committee(), Map.of("resultClass", "Z")).code())
			.isEqualTo("validation-failed");

		assertThat(post(P + id + "/publication", committee(), Map.of("level", "SUMMARY")).code())
			.isEqualTo("publication-summary-required");
		assertThat(post(P + id + "/publication", committee(),
				Map.of("level", "SUMMARY", "summary", "两单位分别答复，详询 zhang.wei@example.com 或 13912345678"))
			.status()).isEqualTo(200);
		Resp published = get("/api/v1/public/replies?q=分办测试", null);
		assertThat(published.body().path("total").asInt()).isEqualTo(2);
		JsonNode item = published.body().path("items").get(0);
		assertThat(item.path("level").asString()).isEqualTo("SUMMARY");
		assertThat(item.path("body").asString()).contains("z***@example.com", "139****5678")
			.doesNotContain("zhang.wei", "13912345678");
		assertThat(item.path("sections").size()).as("a summary publishes no sections").isZero();
		assertThat(post(P + id + "/publication", committee(), Map.of("level", "NONE")).status()).isEqualTo(200);
		assertThat(get("/api/v1/public/replies?q=分办测试", null).body().path("total").asInt()).isZero();
	}

}
