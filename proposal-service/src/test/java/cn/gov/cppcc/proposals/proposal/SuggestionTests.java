package cn.gov.cppcc.proposals.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.proposal.suggestion.AssignmentSuggestions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 through the HTTP API: assignment suggestions, learning a new assignment without
 * a restart, similar proposals, and the suggestions shown beside a submitted proposal.
 */
class SuggestionTests extends IntegrationTestSupport {

	private static final String SUGGEST = "/api/v1/assignment-suggestions";

	private static final String SMART_CITY_TITLE = "关于加快智慧城市建设推动数字经济发展的提案";

	private static final String SMART_CITY_CONTENT = "当前我省信息化建设存在数据共享交换不畅、政务服务一网通办推进不平衡、数字经济与实体经济融合不深等问题。"
			+ "建议统筹推进智慧城市建设，加快信息基础设施和大数据平台建设，推进政务数据共享开放，做强数字经济核心产业。";

	@Autowired
	AssignmentSuggestions suggestions;

	@Test
	void committeeGetsSuggestionsWithReasons() {
		Map<String, String> body = Map.of("title", SMART_CITY_TITLE, "content", SMART_CITY_CONTENT);
		long started = System.nanoTime();
		Resp first = post(SUGGEST, committee(), body);
		long firstMs = (System.nanoTime() - started) / 1_000_000;
		assertThat(first.status()).isEqualTo(200);
		started = System.nanoTime();
		Resp resp = post(SUGGEST, committee(), body);
		long warmMs = (System.nanoTime() - started) / 1_000_000;
		System.out.println("[timing] POST " + SUGGEST + " first call " + firstMs + " ms, second call " + warmMs
				+ " ms (HTTP round trip, shared 2-core machine)");
		assertThat(resp.status()).isEqualTo(200);
		JsonNode list = resp.body();
		assertThat(list.isArray()).isTrue();
		assertThat(list.size()).isBetween(1, 5);
		assertThat(list.get(0).path("role").asString()).isEqualTo("LEAD");
		List<String> ids = new ArrayList<>();
		for (JsonNode unit : list) {
			ids.add(unit.path("unitId").asString());
			assertThat(unit.path("unitName").asString()).isNotBlank();
			assertThat(unit.path("score").asDouble()).isBetween(0.0, 1.0);
			assertThat(unit.path("role").asString()).isIn("LEAD", "CO");
		}
		assertThat(ids).containsAnyOf("2", "3", "4");
		for (JsonNode unit : list) {
			if (List.of("2", "3", "4").contains(unit.path("unitId").asString())) {
				assertThat(unit.path("reasons").isEmpty()).as("reasons of " + unit).isFalse();
				assertThat(unit.path("reasons").get(0).asString()).isNotBlank();
			}
		}
		// the engine alone, without HTTP and security (printed, not asserted)
		long[] ns = new long[20];
		for (int i = 0; i < ns.length; i++) {
			long t = System.nanoTime();
			this.suggestions.suggest(SMART_CITY_TITLE, SMART_CITY_CONTENT, 5);
			ns[i] = System.nanoTime() - t;
		}
		java.util.Arrays.sort(ns);
		System.out.printf("[timing] engine suggest, %d learned: median %.1f ms, max %.1f ms (20 calls)%n",
				this.suggestions.learnedCount(), ns[10] / 1e6, ns[19] / 1e6);
		// limit
		assertThat(post(SUGGEST + "?limit=1", committee(), body).body().size()).isEqualTo(1);
	}

	@Test
	void onlyTheCommitteeAndOnlyValidBodies() {
		Map<String, String> body = Map.of("title", SMART_CITY_TITLE, "content", SMART_CITY_CONTENT);
		assertThat(post(SUGGEST, member1(), body).status()).isEqualTo(403);
		assertThat(post(SUGGEST, handlerGxt(), body).status()).isEqualTo(403);
		assertThat(post(SUGGEST, null, body).status()).isEqualTo(401);
		assertThat(get("/api/v1/proposals/1/similar", member1()).status()).isEqualTo(403);

		Resp missing = post(SUGGEST, committee(), Map.of("title", "关于智慧城市的提案"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(post(SUGGEST, committee(), Map.of("title", "", "content", "内容")).status()).isEqualTo(400);
		assertThat(post(SUGGEST, committee(), Map.of("title", "长".repeat(201), "content", "内容")).status())
			.isEqualTo(400);
		assertThat(post(SUGGEST, committee(), Map.of("title", "标题", "content", "长".repeat(50001))).status())
			.isEqualTo(400);
		assertThat(post(SUGGEST, committee(), "{\"title\": \"标题\", \"content\": ").status()).isEqualTo(400);
		assertThat(post(SUGGEST, committee(), "{\"title\": [1], \"content\": \"内容\"}").status()).isEqualTo(400);
		assertThat(post(SUGGEST + "?limit=11", committee(), body).status()).isEqualTo(400);
		assertThat(post(SUGGEST + "?limit=0", committee(), body).status()).isEqualTo(400);
		assertThat(post(SUGGEST + "?limit=x", committee(), body).status()).isEqualTo(400);
		assertThat(get("/api/v1/proposals/99999999/similar", committee()).status()).isEqualTo(404);
		assertThat(get("/api/v1/proposals/abc/similar", committee()).status()).isEqualTo(400);
	}

	@Test
	void bothEndpointsAreDocumentedWithTheirReasons() {
		Resp docs = get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.body().path("paths");
		assertThat(paths.path("/api/v1/assignment-suggestions").path("post").path("description").asString())
			.contains("职责匹配", "相似提案");
		assertThat(paths.path("/api/v1/proposals/{id}/similar").path("get").path("description").asString())
			.contains("cosine", "404");
	}

	@Test
	void learnsAnAssignmentWithoutRestartAndFindsTheSimilarProposal() {
		// a matter nobody would send to the finance department (5) by its
		// responsibilities: only the learned assignment can put it there
		String title = "关于加强古运河沿线历史文化街区保护利用的提案";
		String id = filed(title);
		Resp assigned = post("/api/v1/proposals/" + id + "/assignment", committee(),
				Map.of("mode", "LEAD", "leadUnitId", "5", "coUnitIds", List.of("6")));
		assertThat(assigned.status()).isEqualTo(200);
		String number = assigned.body().path("number").asString();

		Map<String, String> nearDuplicate = Map.of("title", "关于进一步加强古运河沿线历史文化街区保护利用的提案", "content",
				"古运河沿线历史文化街区保护利用：现状、问题分析与建议。");
		Resp resp = post(SUGGEST, committee(), nearDuplicate);
		assertThat(resp.status()).isEqualTo(200);
		JsonNode finance = null;
		for (JsonNode unit : resp.body()) {
			if (unit.path("unitId").asString().equals("5")) {
				finance = unit;
			}
		}
		assertThat(finance).as("unit 5 suggested after learning: " + resp.body()).isNotNull();
		assertThat(finance.path("reasons").toString()).contains(title, number, "主办");

		// the near-duplicate submitted: similar finds the assigned one, with a score
		String dup = submitted("关于进一步加强古运河沿线历史文化街区保护利用的提案");
		Resp similar = get("/api/v1/proposals/" + dup + "/similar", committee());
		assertThat(similar.status()).isEqualTo(200);
		JsonNode hit = null;
		for (JsonNode s : similar.body()) {
			assertThat(s.path("id").asString()).isNotEqualTo(dup);
			if (s.path("id").asString().equals(id)) {
				hit = s;
			}
		}
		assertThat(hit).as("similar of " + dup + ": " + similar.body()).isNotNull();
		assertThat(hit.path("score").asDouble()).isGreaterThan(0.3).isLessThanOrEqualTo(1.0);
		assertThat(hit.path("number").asString()).isEqualTo(number);
		assertThat(hit.path("leadUnitId").asString()).isEqualTo("5");
		assertThat(hit.path("leadUnitName").asString()).isNotBlank();
		assertThat(hit.path("outcome").asString()).isEqualTo("ASSIGNED");
		assertThat(hit.path("sessionLabel").asString()).isEqualTo("十三届四次会议");

		// and the suggestions beside the submitted proposal, for the committee only
		Resp view = get("/api/v1/proposals/" + dup, committee());
		assertThat(view.body().path("suggestedUnits").isArray()).isTrue();
		assertThat(view.body().path("suggestedUnits").toString()).contains("\"unitId\":\"5\"");
		assertThat(get("/api/v1/proposals/" + dup, member1()).body().path("suggestedUnits").isNull()).isTrue();
		assertThat(get("/api/v1/proposals/" + id, committee()).body().path("suggestedUnits").isNull())
			.as("assigned: no suggestions")
			.isTrue();
	}

	/**
	 * The engine follows every committed change of a proposal: one statement while the
	 * proposal is not assigned (a submission), two once it is (the proposal and its
	 * units). It used to read the version first, one statement more on every write.
	 */
	@Test
	void followsAChangeWithOneStatementUntilAssigned() {
		Resp created = post("/api/v1/proposals", member1(),
				draft("关于推进城市地下综合管廊建设的提案", List.of("建议一", "建议二"), List.of()));
		String id = created.body().path("id").asString();
		List<String> submitting = engineStatements(
				() -> assertThat(post("/api/v1/proposals/" + id + "/submit", member1(), null).status()).isEqualTo(200));
		assertThat(submitting).hasSize(1);
		assertThat(post("/api/v1/proposals/" + id + "/review", committee(), Map.of("decision", "FILE")).status())
			.isEqualTo(200);
		List<String> assigning = engineStatements(
				() -> assertThat(post("/api/v1/proposals/" + id + "/assignment", committee(),
						Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3")))
					.status()).isEqualTo(200));
		assertThat(assigning).hasSize(2);
		assertThat(assigning.get(1)).contains("proposal_unit");
	}

	private static List<String> engineStatements(Runnable request) {
		StatementCounter.start();
		List<String> seen;
		try {
			request.run();
		}
		finally {
			seen = StatementCounter.stop();
		}
		return seen.stream()
			.filter((sql) -> sql.contains("suggestion engine") || sql.contains("SELECT version FROM proposal WHERE"))
			.toList();
	}

	@Test
	void upheldObjectionIsLearnedWithTheNewLead() {
		String title = "关于规范城市共享单车停放秩序的提案";
		String id = filed(title);
		assertThat(
				post("/api/v1/proposals/" + id + "/assignment", committee(), Map.of("mode", "LEAD", "leadUnitId", "3"))
					.status())
			.isEqualTo(200);
		Resp objection = post("/api/v1/proposals/" + id + "/objections", handlerZwb(), Map.of("reason", "不属于本单位职责"));
		assertThat(objection.status()).as(objection.body().toString()).isEqualTo(201);
		String oid = objection.body().path("objections").get(0).path("id").asString();
		Resp decided = post("/api/v1/proposals/" + id + "/objections/" + oid + "/decision", committee(),
				Map.of("uphold", true, "newLeadUnitId", "6", "note", "改由市场监管"));
		assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
		String dup = submitted("关于进一步规范城市共享单车停放秩序的提案");
		Resp similar = get("/api/v1/proposals/" + dup + "/similar", committee());
		JsonNode hit = null;
		for (JsonNode s : similar.body()) {
			if (s.path("id").asString().equals(id)) {
				hit = s;
			}
		}
		assertThat(hit).as(similar.body().toString()).isNotNull();
		assertThat(hit.path("leadUnitId").asString()).isEqualTo("6");
	}

	@Test
	void similarOfTheDemoProposal() {
		Long demo = this.jdbc.sql("SELECT id FROM proposal WHERE number = '十二届一次会议第0768号'")
			.query(Long.class)
			.optional()
			.orElse(null);
		assertThat(demo).as("demo proposal 0768 seeded in embedded mode").isNotNull();
		String dup = submitted("关于进一步推进智慧江苏建设的提案");
		Resp similar = get("/api/v1/proposals/" + dup + "/similar", committee());
		assertThat(similar.status()).isEqualTo(200);
		JsonNode hit = null;
		for (JsonNode s : similar.body()) {
			if (s.path("id").asString().equals(demo.toString())) {
				hit = s;
			}
		}
		assertThat(hit).as(similar.body().toString()).isNotNull();
		assertThat(hit.path("score").asDouble()).isGreaterThan(0);
		assertThat(hit.path("number").asString()).isEqualTo("十二届一次会议第0768号");
		assertThat(hit.path("sessionLabel").asString()).isEqualTo("十二届一次会议");
		assertThat(hit.path("leadUnitId").asString()).isEqualTo("2");
		assertThat(hit.path("outcome").asString()).isEqualTo("B");

		// 0768 itself: never itself, never a later session (2026 proposals)
		Resp ofDemo = get("/api/v1/proposals/" + demo + "/similar", committee());
		assertThat(ofDemo.status()).isEqualTo(200);
		for (JsonNode s : ofDemo.body()) {
			assertThat(s.path("id").asString()).isNotEqualTo(demo.toString());
			assertThat(s.path("sessionLabel").asString()).isEqualTo("十二届一次会议");
		}
	}

}
