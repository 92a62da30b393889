package cn.gov.cppcc.proposals.statistics;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MvcResult;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.fact.FactStore;
import cn.gov.cppcc.proposals.statistics.fact.Projector;
import cn.gov.cppcc.proposals.statistics.feed.EventApplier;
import cn.gov.cppcc.proposals.statistics.feed.FeedCursor;
import cn.gov.cppcc.proposals.statistics.feed.FeedPoller;
import cn.gov.cppcc.proposals.statistics.feed.ProposalEventsClient;
import cn.gov.cppcc.proposals.statistics.rebuild.RebuildProgress;
import cn.gov.cppcc.proposals.statistics.rebuild.RebuildService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Key proposals (重点提案) and follow-ups of B-class replies (跟踪答复), DOMAIN.md: a session
 * read by the real consumer, every new figure checked against numbers worked out by hand
 * below; then replaying the feed and rebuilding give the same tables, the workbook
 * carries the API's numbers, and a read model of an older projector version is
 * re-projected by itself.
 *
 * <pre>
 * Session 13-1, units 7, 9, 11; all filed 01-20, assigned 03-01, reply deadline 06-01 (K4: 2099-12-31).
 * K1 经济 m1     key selected 02-20 (still FILED); LEAD 7; 7 replies B on time 04-01, follow-up due 2025-10-01;
 *               m1 满意; 7's follow-up 09-01: A, on time.
 * K2 经济 m2+m3  LEAD 9; key selected 03-05; 9 replies C late 06-10 (owes no follow-up: followUpDue null);
 *               m2 基本满意, m3 满意.
 * K3 社会 m1     LEAD 7; key selected 03-05, cancelled 04-01 (no longer key); 7 replies B 04-20, due 2025-07-20;
 *               m1 基本满意; no follow-up: overdue now.
 * K4 社会 m2     LEAD 7 (deadline 2099); key selected 03-05; no reply yet.
 * F5 教育 m3     SEPARATE 9 and 11: 9 replies B 04-10, due 2099-04-10 (not due yet); 11 replies B 05-01 (the last
 *               reply: the proposal's class), due 2025-11-01; 11's follow-up 12-01: B, late.
 * F6 教育 m1     LEAD 7; 7 replies B 04-05 as events of before (no followUpDue: class B owes one, due unknown);
 *               its follow-up 04-08 (no due either): A; m1 不满意 → re-handling 04-11 supersedes that reply;
 *               7 replies B again 05-05 (round 2), due 2025-11-05; m1 满意; no follow-up to round 2: overdue now.
 * F7 经济 m2     LEAD 9; 9 replies A 04-01 (nothing owed); reclassified A → B 04-03, due 2025-10-01;
 *               9's follow-up 09-20: A, on time.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class KeyProposalsAndFollowUpsTest extends StatisticsTestBase {

	@Autowired
	ProposalEventsClient client;

	@Autowired
	EventApplier applier;

	@Autowired
	FeedCursor cursor;

	@Autowired
	StatisticsProperties properties;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FactStore facts;

	@Autowired
	RebuildService rebuilds;

	List<EventEnvelope> events;

	List<List<Map<String, Object>>> afterFirstRead;

	public static List<EventEnvelope> script() {
		Script s = new Script();
		String[][] proposals = { { "K1", "经济", "m1" }, { "K2", "经济", "m2", "m3" }, { "K3", "社会", "m1" },
				{ "K4", "社会", "m2" }, { "F5", "教育", "m3" }, { "F6", "教育", "m1" }, { "F7", "经济", "m2" } };
		int serial = 0;
		for (String[] p : proposals) {
			String[] proposers = java.util.Arrays.copyOfRange(p, 2, p.length);
			s.drafted(p[0], "13-1", p[1], "2025-01-05", proposers).submitted(p[0], "2025-01-10");
			s.filed(p[0], "2025-01-20", ++serial);
		}
		s.keyProposalSelected("K1", "2025-02-20");
		s.assignedLead("K1", "2025-03-01", "2025-06-01", "7");
		s.assignedLead("K2", "2025-03-01", "2025-06-01", "9");
		s.assignedLead("K3", "2025-03-01", "2025-06-01", "7");
		s.assignedLead("K4", "2025-03-01", "2099-12-31", "7");
		s.assignedSeparate("F5", "2025-03-01", "2025-06-01", "9", "11");
		s.assignedLead("F6", "2025-03-01", "2025-06-01", "7");
		s.assignedLead("F7", "2025-03-01", "2025-06-01", "9");
		s.keyProposalSelected("K2", "2025-03-05").keyProposalSelected("K3", "2025-03-05");
		s.keyProposalSelected("K4", "2025-03-05");
		s.keyProposalCancelled("K3", "2025-04-01");
		s.reply("K1", "2025-04-01", "7", "rK1", "B", 1, true, true, "2025-10-01");
		s.reply("F7", "2025-04-01", "9", "rF7", "A", 1, true, true, null);
		s.reclassified("F7", "2025-04-03", "rF7", "A", "B", "2025-10-01");
		s.reply("F6", "2025-04-05", "7", "rF6", "B", 1, true, true);
		s.followUp("F6", "2025-04-08", "7", "rF6", "A", 1, true, null);
		s.reply("F5", "2025-04-10", "9", "rF5a", "B", 1, true, false, "2099-04-10");
		s.feedback("F6", "2025-04-10", "m1", "UNSATISFIED", 1).rehandling("F6", "2025-04-11", "2025-05-11", 2);
		s.reply("K3", "2025-04-20", "7", "rK3", "B", 1, true, true, "2025-07-20");
		s.feedback("K1", "2025-04-25", "m1", "SATISFIED", 1).closed("K1", "2025-04-26");
		s.feedback("K3", "2025-04-28", "m1", "BASICALLY_SATISFIED", 1).closed("K3", "2025-04-29");
		s.reply("F5", "2025-05-01", "11", "rF5b", "B", 1, true, true, "2025-11-01");
		s.reply("F6", "2025-05-05", "7", "rF6b", "B", 2, true, true, "2025-11-05");
		s.feedback("F6", "2025-05-10", "m1", "SATISFIED", 2).closed("F6", "2025-05-11");
		s.reply("K2", "2025-06-10", "9", "rK2", "C", 1, false, true, null);
		s.feedback("K2", "2025-06-15", "m2", "BASICALLY_SATISFIED", 1)
			.feedback("K2", "2025-06-16", "m3", "SATISFIED", 1)
			.closed("K2", "2025-06-17");
		s.followUp("K1", "2025-09-01", "7", "rK1", "A", 1, true, "2025-10-01");
		s.followUp("F7", "2025-09-20", "9", "rF7", "A", 1, true, "2025-10-01");
		s.followUp("F5", "2025-12-01", "11", "rF5b", "B", 1, false, "2025-11-01");
		return s.events();
	}

	@BeforeAll
	void readTheFeed() {
		// the test classes share one database: start from an empty read model
		this.facts.clear();
		this.jdbc.update("DELETE FROM processed_event");
		this.cursor.moveTo(0);
		this.cursor.projectionVersion(1);
		this.events = script();
		STUB.setFeed(this.events);
		new FeedPoller(this.client, this.applier, this.cursor, this.properties).poll();
		this.afterFirstRead = readModelTables(this.jdbc);
	}

	@Test
	@Order(1)
	void theLiveConsumerFillingAnEmptyReadModelIsTheCurrentProjection() {
		assertThat(this.cursor.position()).isEqualTo(this.events.size());
		assertThat(this.cursor.projectionVersion()).isEqualTo(Projector.VERSION);
	}

	@Test
	@Order(2)
	void overviewOfKeyProposalsAndFollowUps() throws Exception {
		JsonNode o = json(get("/api/v1/statistics/overview?session=13-1"), as("u-c", null, "COMMITTEE"));
		// replied: K1 K2 K3 F5 F6 F7 = 6 (K4 waits); their classes (latest reply, after
		// reclassification): K1 B, K2 C, K3 B, F5 B (11's, the last), F6 B (round 2),
		// F7 B → A 0, B 5, C 1: unchanged by any follow-up answer
		assertThat(o.get("replied").asLong()).isEqualTo(6);
		assertThat(o.get("resultClasses").get("a").asLong()).isZero();
		assertThat(o.get("resultClasses").get("b").asLong()).isEqualTo(5);
		assertThat(o.get("resultClasses").get("c").asLong()).isEqualTo(1);

		// key proposals now: K1 K2 K4 (K3 cancelled) = 3, all assigned; replied K1 K2 =
		// 2 → 2/3; on time K1 (K2 late) = 1 → 1/3; ratings K1 满意, K2 基本满意 + 满意
		// (K3's 基本满意 no longer counts) → 2 + 1 of 3 → 1.0
		assertThat(o.get("keyProposals").asLong()).isEqualTo(3);
		JsonNode key = o.get("keyProposalHandling");
		assertThat(key.get("count").asLong()).isEqualTo(3);
		assertThat(key.get("assigned").asLong()).isEqualTo(3);
		assertThat(key.get("replied").asLong()).isEqualTo(2);
		assertThat(key.get("replyRate").asDouble()).isEqualTo(0.6667);
		assertThat(key.get("onTime").asLong()).isEqualTo(1);
		assertThat(key.get("onTimeRate").asDouble()).isEqualTo(0.3333);
		assertThat(key.get("ratings").get("satisfied").asLong()).isEqualTo(2);
		assertThat(key.get("ratings").get("basicallySatisfied").asLong()).isEqualTo(1);
		assertThat(key.get("ratings").get("received").asLong()).isEqualTo(3);
		assertThat(key.get("ratings").get("satisfactionRate").asDouble()).isEqualTo(1.0);

		// follow-ups of the class reply: K1 (due 10-01), K3 (07-20), F5 (11's, 11-01), F6
		// (round 2, 11-05), F7 (reclassified into B, 10-01) = 5 owed; K2 is C. Answered:
		// K1
		// A on time, F7 A on time, F5 B late = 3 → 3/5; on time 2 → 2/5; overdue now K3
		// and F6 (round 1's follow-up was superseded by the re-handling) = 2; classes
		// after: A 2, B 1 → shares 2/3, 1/3; solved after follow-up (B → A) 2; solved
		// share with follow-ups (A 0 + 2) / (A + B + C = 6) = 1/3
		JsonNode f = o.get("followUps");
		assertThat(f.get("owed").asLong()).isEqualTo(5);
		assertThat(f.get("answered").asLong()).isEqualTo(3);
		assertThat(f.get("answerRate").asDouble()).isEqualTo(0.6);
		assertThat(f.get("onTime").asLong()).isEqualTo(2);
		assertThat(f.get("onTimeRate").asDouble()).isEqualTo(0.4);
		assertThat(f.get("overdueNow").asLong()).isEqualTo(2);
		assertThat(f.get("resultClassesAfter").get("a").asLong()).isEqualTo(2);
		assertThat(f.get("resultClassesAfter").get("b").asLong()).isEqualTo(1);
		assertThat(f.get("resultClassesAfter").get("c").asLong()).isZero();
		assertThat(f.get("resultClassesAfter").get("aShare").asDouble()).isEqualTo(0.6667);
		assertThat(f.get("solvedAfterFollowUp").asLong()).isEqualTo(2);
		assertThat(f.get("solvedShareWithFollowUps").asDouble()).isEqualTo(0.3333);
	}

	@Test
	@Order(3)
	void perUnit() throws Exception {
		JsonNode items = json(get("/api/v1/statistics/units?session=13-1"), as("u-c", null, "COMMITTEE")).get("items");
		assertThat(items).hasSize(3);

		// unit 7: LEAD of K1 K3 K4 F6 = 4. Key: K1 K4 = 2 (K3 cancelled); replied K1 →
		// 1/2; on time K1 → 1/2; ratings K1 满意 → 1/1.
		// Follow-ups of its own replies: K1 (answered A on time), K3 (overdue), F6 round
		// 2
		// (overdue) = 3; answered 1 → 1/3; on time 1; overdue 2; solved 1; its classes B
		// B B → (0 + 1) / 3
		JsonNode u7 = unit(items, "7");
		assertThat(u7.get("assigned").asLong()).isEqualTo(4);
		assertThat(u7.get("keyProposalHandling").get("count").asLong()).isEqualTo(2);
		assertThat(u7.get("keyProposalHandling").get("replied").asLong()).isEqualTo(1);
		assertThat(u7.get("keyProposalHandling").get("replyRate").asDouble()).isEqualTo(0.5);
		assertThat(u7.get("keyProposalHandling").get("onTime").asLong()).isEqualTo(1);
		assertThat(u7.get("keyProposalHandling").get("ratings").get("received").asLong()).isEqualTo(1);
		assertThat(u7.get("keyProposalHandling").get("ratings").get("satisfactionRate").asDouble()).isEqualTo(1.0);
		JsonNode f7 = u7.get("followUps");
		assertThat(f7.get("owed").asLong()).isEqualTo(3);
		assertThat(f7.get("answered").asLong()).isEqualTo(1);
		assertThat(f7.get("answerRate").asDouble()).isEqualTo(0.3333);
		assertThat(f7.get("onTime").asLong()).isEqualTo(1);
		assertThat(f7.get("overdueNow").asLong()).isEqualTo(2);
		assertThat(f7.get("solvedAfterFollowUp").asLong()).isEqualTo(1);
		assertThat(f7.get("solvedShareWithFollowUps").asDouble()).isEqualTo(0.3333);

		// unit 9: LEAD of K2 and F7, SEPARATE in F5 = 3. Key: K2 = 1, replied late → 1/1,
		// on time 0/1; ratings 基本满意 + 满意. Follow-ups: F5 (its own reply, due 2099:
		// not overdue) and F7 (answered A on time) = 2; answered 1, on time 1, overdue 0,
		// solved 1; its classes C B B → (0 + 1) / 3
		JsonNode u9 = unit(items, "9");
		assertThat(u9.get("assigned").asLong()).isEqualTo(3);
		assertThat(u9.get("keyProposalHandling").get("count").asLong()).isEqualTo(1);
		assertThat(u9.get("keyProposalHandling").get("replyRate").asDouble()).isEqualTo(1.0);
		assertThat(u9.get("keyProposalHandling").get("onTimeRate").asDouble()).isEqualTo(0.0);
		assertThat(u9.get("keyProposalHandling").get("ratings").get("received").asLong()).isEqualTo(2);
		JsonNode f9 = u9.get("followUps");
		assertThat(f9.get("owed").asLong()).isEqualTo(2);
		assertThat(f9.get("answered").asLong()).isEqualTo(1);
		assertThat(f9.get("onTimeRate").asDouble()).isEqualTo(0.5);
		assertThat(f9.get("overdueNow").asLong()).isZero();
		assertThat(f9.get("solvedAfterFollowUp").asLong()).isEqualTo(1);
		assertThat(f9.get("solvedShareWithFollowUps").asDouble()).isEqualTo(0.3333);

		// unit 11: SEPARATE in F5 only, below the minimum of 2: counts shown, rates
		// hidden. Follow-up owed 1, answered 1 (B, late), solved 0
		JsonNode u11 = unit(items, "11");
		assertThat(u11.get("ranked").asBoolean()).isFalse();
		assertThat(u11.get("keyProposalHandling").get("count").asLong()).isZero();
		assertThat(u11.get("keyProposalHandling").get("replyRate").isNull()).isTrue();
		JsonNode f11 = u11.get("followUps");
		assertThat(f11.get("owed").asLong()).isEqualTo(1);
		assertThat(f11.get("answered").asLong()).isEqualTo(1);
		assertThat(f11.get("onTime").asLong()).isZero();
		assertThat(f11.get("resultClassesAfter").get("b").asLong()).isEqualTo(1);
		assertThat(f11.get("solvedAfterFollowUp").asLong()).isZero();
		assertThat(f11.get("answerRate").isNull()).isTrue();
		assertThat(f11.get("solvedShareWithFollowUps").isNull()).isTrue();
		assertThat(f11.get("resultClassesAfter").get("bShare").isNull()).isTrue();
	}

	@Test
	@Order(4)
	void replayingTheFeedTwiceAndRebuildingGiveTheSameTables() throws Exception {
		for (EventEnvelope event : this.events) {
			assertThat(this.applier.apply(event)).isFalse();
		}
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
		this.cursor.moveTo(0);
		new FeedPoller(this.client, this.applier, this.cursor, this.properties).poll();
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);

		this.rebuilds.start("ADMIN");
		assertThat(awaitRebuild().state()).isEqualTo("DONE");
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
	}

	@Test
	@Order(5)
	void theWorkbookCarriesTheNewFigures() throws Exception {
		JsonNode overview = json(get("/api/v1/statistics/overview?session=13-1"), as("u-c", null, "COMMITTEE"));
		JsonNode units = json(get("/api/v1/statistics/units?session=13-1"), as("u-c", null, "COMMITTEE")).get("items");
		MvcResult result = this.mvc
			.perform(get("/api/v1/statistics/export?session=13-1").with(as("u-c", null, "COMMITTEE")))
			.andExpect(status().isOk())
			.andReturn();
		try (XSSFWorkbook book = new XSSFWorkbook(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			Sheet sheet = book.getSheet("总览");
			JsonNode key = overview.get("keyProposalHandling");
			JsonNode f = overview.get("followUps");
			assertThat(value(sheet, "重点提案交办数")).isEqualTo(key.get("assigned").asDouble());
			assertThat(value(sheet, "重点提案办复数")).isEqualTo(key.get("replied").asDouble());
			assertThat(value(sheet, "重点提案办复率")).isEqualTo(key.get("replyRate").asDouble());
			assertThat(value(sheet, "重点提案按期办复率")).isEqualTo(key.get("onTimeRate").asDouble());
			assertThat(value(sheet, "重点提案满意率")).isEqualTo(key.get("ratings").get("satisfactionRate").asDouble());
			assertThat(value(sheet, "应跟踪答复数")).isEqualTo(f.get("owed").asDouble());
			assertThat(value(sheet, "已跟踪答复数")).isEqualTo(f.get("answered").asDouble());
			assertThat(value(sheet, "按期跟踪答复率")).isEqualTo(f.get("onTimeRate").asDouble());
			assertThat(value(sheet, "跟踪答复当前超期数")).isEqualTo(f.get("overdueNow").asDouble());
			assertThat(value(sheet, "跟踪答复后解决数")).isEqualTo(2.0);
			assertThat(value(sheet, "解决率（含跟踪答复）")).isEqualTo(0.3333);

			Sheet unitSheet = book.getSheet("承办单位");
			Row header = unitSheet.getRow(0);
			assertThat(header.getCell(21).getStringCellValue()).isEqualTo("重点提案数");
			assertThat(header.getCell(25).getStringCellValue()).isEqualTo("应跟踪答复数");
			assertThat(header.getCell(29).getStringCellValue()).isEqualTo("跟踪答复后解决数");
			for (int i = 0; i < units.size(); i++) {
				Row row = unitSheet.getRow(i + 1);
				JsonNode u = units.get(i);
				assertThat(row.getCell(2).getStringCellValue()).isEqualTo(u.get("unitId").asString());
				assertThat(row.getCell(21).getNumericCellValue())
					.isEqualTo(u.get("keyProposalHandling").get("count").asDouble());
				assertThat(row.getCell(22).getNumericCellValue())
					.isEqualTo(u.get("keyProposalHandling").get("replied").asDouble());
				assertThat(row.getCell(25).getNumericCellValue()).isEqualTo(u.get("followUps").get("owed").asDouble());
				assertThat(row.getCell(26).getNumericCellValue())
					.isEqualTo(u.get("followUps").get("answered").asDouble());
				assertThat(row.getCell(28).getNumericCellValue())
					.isEqualTo(u.get("followUps").get("overdueNow").asDouble());
				assertThat(row.getCell(29).getNumericCellValue())
					.isEqualTo(u.get("followUps").get("solvedAfterFollowUp").asDouble());
				if (!u.get("ranked").asBoolean()) {
					// hidden rates stay empty
					assertThat(row.getCell(24).getCellType()).isEqualTo(CellType.BLANK);
				}
			}
		}
	}

	/**
	 * A read model built by an older projector (here: version 1, which knew no
	 * follow-ups) is re-projected by the service itself, once, and only by one instance.
	 */
	@Test
	@Order(6)
	void aReadModelOfAnOlderProjectionIsReprojectedByItself() throws Exception {
		// what version 1 left: no follow-ups anywhere
		this.jdbc.update("UPDATE proposal_fact SET follow_up_owed = 0, follow_up_due = NULL, follow_up_class = NULL");
		this.jdbc.update("UPDATE agg_session_category SET fu_owed = 0, fu_answered = 0, fu_a = 0");
		this.cursor.projectionVersion(1);
		assertThat(readModelTables(this.jdbc)).isNotEqualTo(this.afterFirstRead);

		// another instance is rebuilding: nothing to do here
		assertThat(this.cursor.startRebuilding()).isTrue();
		assertThat(this.rebuilds.startIfNeeded(false)).isNull();
		this.cursor.stopRebuilding();

		assertThat(this.rebuilds.startIfNeeded(false)).isEqualTo("PROJECTION_VERSION");
		RebuildProgress done = awaitRebuild();
		assertThat(done.state()).isEqualTo("DONE");
		assertThat(done.trigger()).isEqualTo("PROJECTION_VERSION");
		assertThat(done.processed()).isEqualTo(this.events.size());
		assertThat(this.cursor.projectionVersion()).isEqualTo(Projector.VERSION);
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
		// up to date: the next check does nothing
		assertThat(this.rebuilds.startIfNeeded(false)).isNull();
		assertThat(this.rebuilds.startIfNeeded(true)).isNull();
	}

	private RebuildProgress awaitRebuild() throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		RebuildProgress progress = this.rebuilds.progress();
		while ("RUNNING".equals(progress.state()) && Instant.now().isBefore(until)) {
			Thread.sleep(100);
			progress = this.rebuilds.progress();
		}
		return progress;
	}

	private static JsonNode unit(JsonNode items, String unitId) {
		for (JsonNode item : items) {
			if (unitId.equals(item.get("unitId").asString())) {
				return item;
			}
		}
		throw new AssertionError("no unit " + unitId);
	}

}
