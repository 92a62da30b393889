package cn.gov.cppcc.proposals.statistics;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import cn.gov.cppcc.proposals.statistics.feed.EventApplier;
import cn.gov.cppcc.proposals.statistics.feed.FeedCursor;
import cn.gov.cppcc.proposals.statistics.feed.FeedPoller;
import cn.gov.cppcc.proposals.statistics.feed.ProposalEventsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A session of proposals with known outcomes, read by the real consumer from a stub feed
 * (pages of 20), and every figure of every report checked against numbers worked out by
 * hand below. Then: replaying the feed changes nothing, a rebuild gives the same tables,
 * the workbook carries the API's numbers, and the role rules hold.
 *
 * <pre>
 * Session 12-1 (units 7 = 省工业和信息化厅, 9 = 省政务服务管理办公室, 11 = unnamed in department-service)
 * P1 经济  m1+m2  submitted 01-10 filed 01-20 assigned 02-01 LEAD 7, CO 9, deadline 05-01
 *          7 MEETING 02-10; 9 co-opinion; 7 replies B on time 03-03 (30 days); reclassified B→A;
 *          m1 满意, m2 基本满意; closed; published.
 * P2 经济  m3     submitted 01-11 filed 01-21 assigned 02-01 LEAD 7, deadline 05-01
 *          7 PHONE 02-05 (not a meeting); 7 replies C on time 04-01 (28+31 = 59 days);
 *          m3 不满意 → re-handling (deadline 05-11); 7 replies B (round 2) 05-05; m3 满意 (round 2); closed.
 * P3 社会  m1     submitted 01-12 filed 01-22 assigned 02-10 SEPARATE 9 and 11, deadline 05-10
 *          9 VISIT 02-15; 9 replies A on time 03-12 (30 days); extension to 06-10;
 *          11 replies B late 06-20 (all replied; 28+31+30+31+10 = 130 days); m1 基本满意.
 * P4 社会  m2     submitted 01-13 filed 01-23 assigned 02-15 LEAD 11, deadline 05-15;
 *          objection by 11 upheld 02-20 → LEAD 7; no reply: overdue now.
 * P5 教育  m3     submitted 01-17 filed 01-27 assigned 03-01 LEAD 9, deadline 2099-12-31; key proposal.
 * P6 教育  m1     submitted 01-14, not filed 01-25.
 * P7 经济  m2     submitted 01-15, withdrawn 01-16 (not received).
 * P8 经济  m3     submitted 01-18 filed 01-26, merged into P1 02-01 (filed, never assigned).
 * P9 经济  m1     drafted only (not received).
 * Session 12-2
 * P10 经济 m1     submitted 2026-01-10 filed 01-15 assigned 01-20 LEAD 7 deadline 04-20;
 *          7 replies A on time 02-19 (30 days); m1 满意.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ScriptedSessionTest extends StatisticsTestBase {

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

	List<EventEnvelope> events;

	List<List<Map<String, Object>>> afterFirstRead;

	public static List<EventEnvelope> script() {
		Script s = new Script();
		s.drafted("P1", "12-1", "经济", "2025-01-05", "m1", "m2").submitted("P1", "2025-01-10");
		s.drafted("P2", "12-1", "经济", "2025-01-06", "m3").submitted("P2", "2025-01-11");
		s.drafted("P3", "12-1", "社会", "2025-01-07", "m1").submitted("P3", "2025-01-12");
		s.drafted("P4", "12-1", "社会", "2025-01-08", "m2").submitted("P4", "2025-01-13");
		s.drafted("P6", "12-1", "教育", "2025-01-09", "m1").submitted("P6", "2025-01-14");
		s.drafted("P7", "12-1", "经济", "2025-01-09", "m2").submitted("P7", "2025-01-15");
		s.withdrawn("P7", "2025-01-16");
		s.drafted("P5", "12-1", "教育", "2025-01-09", "m3").submitted("P5", "2025-01-17");
		s.drafted("P8", "12-1", "经济", "2025-01-09", "m3").submitted("P8", "2025-01-18");
		s.drafted("P9", "12-1", "经济", "2025-01-19", "m1");
		s.filed("P1", "2025-01-20", 1).filed("P2", "2025-01-21", 2).filed("P3", "2025-01-22", 3);
		s.filed("P4", "2025-01-23", 4).notFiled("P6", "2025-01-25").filed("P8", "2025-01-26", 5);
		s.filed("P5", "2025-01-27", 6);
		s.assignedLead("P1", "2025-02-01", "2025-05-01", "7", "9");
		s.assignedLead("P2", "2025-02-01", "2025-05-01", "7");
		s.merged("P8", "2025-02-01", "P1");
		s.assignedSeparate("P3", "2025-02-10", "2025-05-10", "9", "11");
		s.assignedLead("P4", "2025-02-15", "2025-05-15", "11");
		s.communication("P2", "2025-02-05", "7", "PHONE");
		s.communication("P1", "2025-02-10", "7", "MEETING");
		s.communication("P3", "2025-02-15", "9", "VISIT");
		s.objectionUpheld("P4", "2025-02-20", "11", "7");
		s.coOpinion("P1", "2025-02-20", "9");
		s.keyProposal("P5").assignedLead("P5", "2025-03-01", "2099-12-31", "9");
		s.reply("P1", "2025-03-03", "7", "r1", "B", 1, true, true);
		s.reclassified("P1", "2025-03-05", "r1", "B", "A");
		s.reply("P3", "2025-03-12", "9", "r3a", "A", 1, true, false);
		s.feedback("P1", "2025-03-15", "m1", "SATISFIED", 1)
			.feedback("P1", "2025-03-16", "m2", "BASICALLY_SATISFIED", 1);
		s.closed("P1", "2025-03-20").published("P1", "2025-03-25");
		s.reminder("P2", "2025-03-28", "7");
		s.reply("P2", "2025-04-01", "7", "r2", "C", 1, true, true);
		s.feedback("P2", "2025-04-10", "m3", "UNSATISFIED", 1);
		s.rehandling("P2", "2025-04-11", "2025-05-11", 2);
		s.extensionApproved("P3", "2025-05-01", "2025-06-10");
		s.reply("P2", "2025-05-05", "7", "r2b", "B", 2, true, true);
		s.feedback("P2", "2025-05-10", "m3", "SATISFIED", 2).closed("P2", "2025-05-20");
		s.reply("P3", "2025-06-20", "11", "r3b", "B", 1, false, true);
		s.feedback("P3", "2025-06-25", "m1", "BASICALLY_SATISFIED", 1);
		s.drafted("P10", "12-2", "经济", "2026-01-05", "m1").submitted("P10", "2026-01-10");
		s.filed("P10", "2026-01-15", 1).assignedLead("P10", "2026-01-20", "2026-04-20", "7");
		s.reply("P10", "2026-02-19", "7", "r10", "A", 1, true, true)
			.feedback("P10", "2026-02-25", "m1", "SATISFIED", 1);
		return s.events();
	}

	@BeforeAll
	void readTheFeed() {
		// the test classes share one database: start from an empty read model
		this.facts.clear();
		this.jdbc.update("DELETE FROM processed_event");
		this.cursor.moveTo(0);
		this.events = script();
		STUB.setFeed(this.events);
		FeedPoller poller = new FeedPoller(this.client, this.applier, this.cursor, this.properties);
		poller.poll();
		this.afterFirstRead = readModelTables(this.jdbc);
	}

	@Test
	@Order(1)
	void theConsumerReadEveryPageWithItsOwnToken() {
		assertThat(this.events).hasSize(60); // 3 pages of 20
		assertThat(this.cursor.position()).isEqualTo(this.events.size());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM processed_event", Long.class))
			.isEqualTo(this.events.size());
		assertThat(STUB.eventAuthorizations()).contains("Bearer stub-service-token");
	}

	@Test
	@Order(2)
	void overviewOfSession() throws Exception {
		JsonNode o = json(get("/api/v1/statistics/overview?session=12-1"), as("u-c", null, "COMMITTEE"));
		// received: P1 P2 P3 P4 P5 P6 P8 = 7 (P7 withdrawn, P9 a draft); filed: P1 P2 P3
		// P4 P5 P8 = 6
		assertThat(o.get("received").asLong()).isEqualTo(7);
		assertThat(o.get("filed").asLong()).isEqualTo(6);
		assertThat(o.get("filingRate").asDouble()).isEqualTo(0.8571); // 6 / 7
		// assigned: P1..P5 = 5; replied: P1 P2 P3 = 3 → 3/5; on time: P1 P2 (P3's unit 11
		// late) → 2/5
		assertThat(o.get("assigned").asLong()).isEqualTo(5);
		assertThat(o.get("replied").asLong()).isEqualTo(3);
		assertThat(o.get("replyRate").asDouble()).isEqualTo(0.6);
		assertThat(o.get("onTime").asLong()).isEqualTo(2);
		assertThat(o.get("onTimeRate").asDouble()).isEqualTo(0.4);
		// overdue now: P4 (deadline 2025-05-15, no reply); P5's deadline is 2099; P2
		// replied again after re-handling
		assertThat(o.get("overdueNow").asLong()).isEqualTo(1);
		// classes of replied ones: P1 A (reclassified from B), P2 B (round 2 replaced C),
		// P3 B (last reply)
		JsonNode classes = o.get("resultClasses");
		assertThat(classes.get("a").asLong()).isEqualTo(1);
		assertThat(classes.get("b").asLong()).isEqualTo(2);
		assertThat(classes.get("c").asLong()).isZero();
		assertThat(classes.get("aShare").asDouble()).isEqualTo(0.3333);
		assertThat(classes.get("bShare").asDouble()).isEqualTo(0.6667);
		assertThat(classes.get("cShare").asDouble()).isEqualTo(0.0);
		// latest ratings: P1 满意 + 基本满意, P2 满意 (round 2 replaced 不满意), P3 基本满意 → 4/4
		JsonNode ratings = o.get("ratings");
		assertThat(ratings.get("satisfied").asLong()).isEqualTo(2);
		assertThat(ratings.get("basicallySatisfied").asLong()).isEqualTo(2);
		assertThat(ratings.get("unsatisfied").asLong()).isZero();
		assertThat(ratings.get("received").asLong()).isEqualTo(4);
		assertThat(ratings.get("satisfactionRate").asDouble()).isEqualTo(1.0);
		// real meetings: P1 MEETING, P3 VISIT (P2 only phoned) → 2/5
		assertThat(o.get("withMeeting").asLong()).isEqualTo(2);
		assertThat(o.get("meetingRate").asDouble()).isEqualTo(0.4);
		assertThat(o.get("rehandled").asLong()).isEqualTo(1);
		// days: P1 30, P2 59, P3 130 → mean 73.0, median 59
		assertThat(o.get("averageDaysToReply").asDouble()).isEqualTo(73.0);
		assertThat(o.get("medianDaysToReply").asDouble()).isEqualTo(59.0);
		assertThat(o.get("keyProposals").asLong()).isEqualTo(1);
		assertThat(o.get("published").asLong()).isEqualTo(1);
	}

	@Test
	@Order(3)
	void overviewOfAllSessions() throws Exception {
		JsonNode o = json(get("/api/v1/statistics/overview"), as("u-a", null, "ADMIN"));
		// 12-1 plus P10: received 8, filed 7, assigned 6, replied 4, on time 3; days 30
		// 59 130 30 → median 44.5
		assertThat(o.get("session").isNull()).isTrue();
		assertThat(o.get("received").asLong()).isEqualTo(8);
		assertThat(o.get("filed").asLong()).isEqualTo(7);
		assertThat(o.get("assigned").asLong()).isEqualTo(6);
		assertThat(o.get("replied").asLong()).isEqualTo(4);
		assertThat(o.get("onTime").asLong()).isEqualTo(3);
		assertThat(o.get("onTimeRate").asDouble()).isEqualTo(0.5);
		assertThat(o.get("averageDaysToReply").asDouble()).isEqualTo(62.3); // 249 / 4 =
																			// 62.25 →
																			// 62.3
		assertThat(o.get("medianDaysToReply").asDouble()).isEqualTo(44.5);
		assertThat(o.get("resultClasses").get("a").asLong()).isEqualTo(2);
	}

	@Test
	@Order(4)
	void unitsOfSession() throws Exception {
		JsonNode report = json(get("/api/v1/statistics/units?session=12-1"), as("u-c", null, "COMMITTEE"));
		assertThat(report.get("minimumForRanking").asInt()).isEqualTo(2);
		assertThat(report.get("total").asInt()).isEqualTo(3);
		JsonNode items = report.get("items");
		// ranked by 按期办复率: unit 7 (2/3) before unit 9 (1/2); unit 11 has 1 proposal < 2:
		// not ranked, last
		assertThat(items.get(0).get("unitId").asString()).isEqualTo("7");
		assertThat(items.get(1).get("unitId").asString()).isEqualTo("9");
		assertThat(items.get(2).get("unitId").asString()).isEqualTo("11");

		// unit 7: LEAD of P1, P2 and (after the objection) P4 = 3
		JsonNode u7 = items.get(0);
		assertThat(u7.get("unitName").asString()).isEqualTo("省工业和信息化厅");
		assertThat(u7.get("assigned").asLong()).isEqualTo(3);
		assertThat(u7.get("coHandled").asLong()).isZero();
		assertThat(u7.get("replied").asLong()).isEqualTo(2); // P1, P2
		assertThat(u7.get("replyRate").asDouble()).isEqualTo(0.6667);
		assertThat(u7.get("onTime").asLong()).isEqualTo(2);
		assertThat(u7.get("onTimeRate").asDouble()).isEqualTo(0.6667);
		assertThat(u7.get("averageDaysToReply").asDouble()).isEqualTo(44.5); // (30 + 59)
																				// / 2
		assertThat(u7.get("medianDaysToReply").asDouble()).isEqualTo(44.5);
		assertThat(u7.get("resultClasses").get("a").asLong()).isEqualTo(1); // P1
		assertThat(u7.get("resultClasses").get("b").asLong()).isEqualTo(1); // P2 round 2
		assertThat(u7.get("resultClasses").get("aShare").asDouble()).isEqualTo(0.5);
		// P1 满意 + 基本满意, P2 满意
		assertThat(u7.get("ratings").get("received").asLong()).isEqualTo(3);
		assertThat(u7.get("ratings").get("satisfactionRate").asDouble()).isEqualTo(1.0);
		assertThat(u7.get("withMeeting").asLong()).isEqualTo(1); // P1
		assertThat(u7.get("meetingRate").asDouble()).isEqualTo(0.3333);
		assertThat(u7.get("overdueNow").asLong()).isEqualTo(1); // P4
		assertThat(u7.get("ranked").asBoolean()).isTrue();
		assertThat(u7.get("rank").asInt()).isEqualTo(1);

		// unit 9: SEPARATE in P3, LEAD of P5 = 2; CO of P1
		JsonNode u9 = items.get(1);
		assertThat(u9.get("unitName").asString()).isEqualTo("省政务服务管理办公室");
		assertThat(u9.get("assigned").asLong()).isEqualTo(2);
		assertThat(u9.get("coHandled").asLong()).isEqualTo(1);
		assertThat(u9.get("replied").asLong()).isEqualTo(1);
		assertThat(u9.get("replyRate").asDouble()).isEqualTo(0.5);
		assertThat(u9.get("onTime").asLong()).isEqualTo(1);
		assertThat(u9.get("onTimeRate").asDouble()).isEqualTo(0.5);
		assertThat(u9.get("averageDaysToReply").asDouble()).isEqualTo(30.0);
		assertThat(u9.get("medianDaysToReply").asDouble()).isEqualTo(30.0);
		assertThat(u9.get("resultClasses").get("a").asLong()).isEqualTo(1);
		assertThat(u9.get("ratings").get("basicallySatisfied").asLong()).isEqualTo(1); // P3
		assertThat(u9.get("ratings").get("satisfactionRate").asDouble()).isEqualTo(1.0);
		assertThat(u9.get("withMeeting").asLong()).isEqualTo(1); // P3 VISIT
		assertThat(u9.get("meetingRate").asDouble()).isEqualTo(0.5);
		assertThat(u9.get("overdueNow").asLong()).isZero(); // P5 is due in 2099
		assertThat(u9.get("rank").asInt()).isEqualTo(2);

		// unit 11: SEPARATE in P3 only (P4 was taken from it) → below the minimum: counts
		// shown, rates hidden
		JsonNode u11 = items.get(2);
		assertThat(u11.get("unitName").asString()).isEqualTo("11"); // department-service
																	// does not know it
		assertThat(u11.get("assigned").asLong()).isEqualTo(1);
		assertThat(u11.get("replied").asLong()).isEqualTo(1);
		assertThat(u11.get("onTime").asLong()).isZero();
		assertThat(u11.get("resultClasses").get("b").asLong()).isEqualTo(1);
		assertThat(u11.get("ranked").asBoolean()).isFalse();
		assertThat(u11.get("rank").isNull()).isTrue();
		assertThat(u11.get("replyRate").isNull()).isTrue();
		assertThat(u11.get("onTimeRate").isNull()).isTrue();
		assertThat(u11.get("averageDaysToReply").isNull()).isTrue();
		assertThat(u11.get("medianDaysToReply").isNull()).isTrue();
		assertThat(u11.get("meetingRate").isNull()).isTrue();
		assertThat(u11.get("ratings").get("satisfactionRate").isNull()).isTrue();
		assertThat(u11.get("resultClasses").get("bShare").isNull()).isTrue();
	}

	@Test
	@Order(5)
	void categoriesOfSession() throws Exception {
		JsonNode items = json(get("/api/v1/statistics/categories?session=12-1"), as("u-c", null, "COMMITTEE"))
			.get("items");
		assertThat(items).hasSize(3);
		// 经济: P1 P2 P8 received (P7 withdrawn, P9 draft) and filed; P1 P2 assigned,
		// replied, on time
		JsonNode economy = category(items, "经济");
		assertThat(economy.get("received").asLong()).isEqualTo(3);
		assertThat(economy.get("filed").asLong()).isEqualTo(3);
		assertThat(economy.get("filingRate").asDouble()).isEqualTo(1.0);
		assertThat(economy.get("assigned").asLong()).isEqualTo(2);
		assertThat(economy.get("replied").asLong()).isEqualTo(2);
		assertThat(economy.get("onTimeRate").asDouble()).isEqualTo(1.0);
		assertThat(economy.get("resultClasses").get("a").asLong()).isEqualTo(1);
		assertThat(economy.get("resultClasses").get("b").asLong()).isEqualTo(1);
		assertThat(economy.get("ratings").get("received").asLong()).isEqualTo(3);
		// 社会: P3 P4 — both assigned, P3 replied late
		JsonNode society = category(items, "社会");
		assertThat(society.get("received").asLong()).isEqualTo(2);
		assertThat(society.get("replied").asLong()).isEqualTo(1);
		assertThat(society.get("replyRate").asDouble()).isEqualTo(0.5);
		assertThat(society.get("onTimeRate").asDouble()).isEqualTo(0.0);
		// 教育: P5 filed, P6 not filed; nothing replied, nothing rated
		JsonNode education = category(items, "教育");
		assertThat(education.get("received").asLong()).isEqualTo(2);
		assertThat(education.get("filed").asLong()).isEqualTo(1);
		assertThat(education.get("filingRate").asDouble()).isEqualTo(0.5);
		assertThat(education.get("replyRate").asDouble()).isEqualTo(0.0);
		assertThat(education.get("ratings").get("satisfactionRate").isNull()).isTrue();
	}

	@Test
	@Order(6)
	void trendByMonth() throws Exception {
		JsonNode items = json(get("/api/v1/statistics/trend?from=2025-01&to=2025-06-30&interval=month"),
				as("u-c", null, "COMMITTEE"))
			.get("items");
		// period: received, filed, assigned, replied, on time
		long[][] expected = { { 7, 6, 0, 0, 0 }, // 2025-01: submissions and filings
				{ 0, 0, 4, 0, 0 }, // 2025-02: P1 P2 P3 P4 assigned
				{ 0, 0, 1, 1, 1 }, // 2025-03: P5 assigned; P1 replied on time
				{ 0, 0, 0, 1, 1 }, // 2025-04: P2 replied on time
				{ 0, 0, 0, 0, 0 }, // 2025-05: P2's second reply is not a new 办复
				{ 0, 0, 0, 1, 0 } }; // 2025-06: P3 replied late
		assertThat(items).hasSize(6);
		for (int i = 0; i < 6; i++) {
			JsonNode p = items.get(i);
			assertThat(p.get("period").asString()).isEqualTo("2025-0" + (i + 1));
			assertThat(new long[] { p.get("received").asLong(), p.get("filed").asLong(), p.get("assigned").asLong(),
					p.get("replied").asLong(), p.get("onTime").asLong() })
				.as(p.get("period").asString())
				.containsExactly(expected[i]);
		}
		JsonNode years = json(get("/api/v1/statistics/trend?from=2025-01&to=2026-12&interval=year"),
				as("u-c", null, "COMMITTEE"))
			.get("items");
		assertThat(years.get(0).get("received").asLong()).isEqualTo(7);
		assertThat(years.get(1).get("received").asLong()).isEqualTo(1);
		assertThat(years.get(1).get("replied").asLong()).isEqualTo(1);
	}

	@Test
	@Order(7)
	void publicHeadlineFiguresForAnyone() throws Exception {
		this.mvc.perform(get("/api/v1/public/statistics"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sessions.length()").value(2))
			// newest session first: 12-2 has P10 only
			.andExpect(jsonPath("$.sessions[0].session").value("12-2"))
			.andExpect(jsonPath("$.sessions[0].received").value(1))
			.andExpect(jsonPath("$.sessions[0].replyRate").value(1.0))
			.andExpect(jsonPath("$.sessions[1].session").value("12-1"))
			.andExpect(jsonPath("$.sessions[1].received").value(7))
			.andExpect(jsonPath("$.sessions[1].filed").value(6))
			.andExpect(jsonPath("$.sessions[1].replyRate").value(0.6))
			.andExpect(jsonPath("$.sessions[1].satisfactionRate").value(1.0));
	}

	@Test
	@Order(8)
	void replayingTheFeedChangesNothing() {
		// every event once more, straight into the applier: all duplicates
		for (EventEnvelope event : this.events) {
			assertThat(this.applier.apply(event)).isFalse();
		}
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
		// and the whole feed again from position 0 through the consumer
		this.cursor.moveTo(0);
		new FeedPoller(this.client, this.applier, this.cursor, this.properties).poll();
		assertThat(this.cursor.position()).isEqualTo(this.events.size());
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
	}

	@Test
	@Order(9)
	void aRebuildFromTheStartGivesTheSameTables() throws Exception {
		this.mvc.perform(post("/api/v1/statistics/rebuild").with(as("u-admin", null, "ADMIN")))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.state").value("RUNNING"));
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		JsonNode progress;
		do {
			Thread.sleep(100);
			progress = json(get("/api/v1/statistics/rebuild"), as("u-admin", null, "ADMIN"));
		}
		while ("RUNNING".equals(progress.get("state").asString()) && Instant.now().isBefore(until));
		assertThat(progress.get("state").asString()).isEqualTo("DONE");
		assertThat(progress.get("processed").asLong()).isEqualTo(this.events.size());
		assertThat(progress.get("latestKnownPosition").asLong()).isEqualTo(this.events.size());
		assertThat(progress.get("percent").asDouble()).isEqualTo(100.0);
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
		assertThat(this.cursor.position()).isEqualTo(this.events.size());
		assertThat(this.cursor.rebuilding()).isFalse();
		// the rebuild is a write: audited
		this.mvc.perform(get("/api/v1/internal/audit-log?action=statistics.rebuild").with(as("u-aud", null, "AUDITOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].userId").value("u-admin"))
			.andExpect(jsonPath("$.items[0].result").value("SUCCESS"))
			.andExpect(jsonPath("$.items[0].roles").value("ADMIN"));
	}

	@Test
	@Order(10)
	void theWorkbookCarriesTheApisNumbers() throws Exception {
		JsonNode overview = json(get("/api/v1/statistics/overview?session=12-1"), as("u-c", null, "COMMITTEE"));
		JsonNode units = json(get("/api/v1/statistics/units?session=12-1"), as("u-c", null, "COMMITTEE")).get("items");
		MvcResult result = this.mvc
			.perform(get("/api/v1/statistics/export?session=12-1&from=2025-01&to=2025-06")
				.with(as("u-c", null, "COMMITTEE")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".xlsx")))
			.andReturn();
		// kept until the read model changes: the same bytes again, not a workbook built
		// anew
		byte[] again = this.mvc
			.perform(get("/api/v1/statistics/export?session=12-1&from=2025-01&to=2025-06")
				.with(as("u-admin", null, "ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(again).isEqualTo(result.getResponse().getContentAsByteArray());
		try (XSSFWorkbook book = new XSSFWorkbook(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3)))
				.containsExactly("总览", "承办单位", "类别", "趋势");
			Sheet sheet = book.getSheet("总览");
			assertThat(value(sheet, "提案总数")).isEqualTo(overview.get("received").asDouble());
			assertThat(value(sheet, "立案数")).isEqualTo(overview.get("filed").asDouble());
			assertThat(value(sheet, "立案率")).isEqualTo(overview.get("filingRate").asDouble());
			assertThat(value(sheet, "办复率")).isEqualTo(overview.get("replyRate").asDouble());
			assertThat(value(sheet, "按期办复率")).isEqualTo(overview.get("onTimeRate").asDouble());
			assertThat(value(sheet, "满意率")).isEqualTo(overview.get("ratings").get("satisfactionRate").asDouble());
			assertThat(value(sheet, "见面率")).isEqualTo(overview.get("meetingRate").asDouble());
			assertThat(value(sheet, "平均办复天数")).isEqualTo(overview.get("averageDaysToReply").asDouble());
			assertThat(value(sheet, "当前超期数")).isEqualTo(overview.get("overdueNow").asDouble());
			assertThat(sheet.getRow(4).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
			assertThat(sheet.getColumnWidth(0)).isGreaterThan(20 * 256);

			Sheet unitSheet = book.getSheet("承办单位");
			assertThat(unitSheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("承办单位");
			assertThat(unitSheet.getLastRowNum()).isEqualTo(units.size());
			for (int i = 0; i < units.size(); i++) {
				Row row = unitSheet.getRow(i + 1);
				JsonNode u = units.get(i);
				assertThat(row.getCell(2).getStringCellValue()).isEqualTo(u.get("unitId").asString());
				assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(u.get("assigned").asDouble());
				assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(u.get("replied").asDouble());
				if (u.get("ranked").asBoolean()) {
					assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(u.get("rank").asDouble());
					assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(u.get("onTimeRate").asDouble());
				}
				else {
					assertThat(row.getCell(8).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.BLANK);
				}
			}
			Sheet trend = book.getSheet("趋势");
			assertThat(trend.getRow(1).getCell(0).getStringCellValue()).isEqualTo("2025-01");
			assertThat(trend.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(7.0);
			assertThat(book.getSheet("类别").getLastRowNum()).isEqualTo(3);
		}
	}

	@Test
	@Order(11)
	void aUnitSeesOnlyItsOwnRow() throws Exception {
		JsonNode report = json(get("/api/v1/statistics/units?session=12-1"), as("u-h9", "9", "UNIT_HANDLER"));
		assertThat(report.get("items")).hasSize(1);
		assertThat(report.get("items").get(0).get("unitId").asString()).isEqualTo("9");
		// its rank is still its place among all units
		assertThat(report.get("items").get(0).get("rank").asInt()).isEqualTo(2);
		JsonNode leader = json(get("/api/v1/statistics/units"), as("u-l7", "7", "UNIT_LEADER"));
		assertThat(leader.get("items")).hasSize(1);
		assertThat(leader.get("items").get(0).get("assigned").asLong()).isEqualTo(4); // P1
																						// P2
																						// P4
																						// P10
		JsonNode noUnit = json(get("/api/v1/statistics/units"), as("u-hx", null, "UNIT_HANDLER"));
		assertThat(noUnit.get("items")).isEmpty();
	}

	@Test
	@Order(12)
	void rolesAreEnforced() throws Exception {
		for (String path : List.of("/api/v1/statistics/overview", "/api/v1/statistics/units",
				"/api/v1/statistics/categories", "/api/v1/statistics/trend", "/api/v1/statistics/export",
				"/api/v1/statistics/rebuild")) {
			this.mvc.perform(get(path).with(as("u-m1", null, "MEMBER")))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			this.mvc.perform(get(path)).andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/api/v1/statistics/overview").with(as("u-h", "9", "UNIT_HANDLER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/v1/statistics/rebuild").with(as("u-c", null, "COMMITTEE")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/internal/audit-log").with(as("u-a", null, "ADMIN")))
			.andExpect(status().isForbidden());
	}

	@Test
	@Order(13)
	void badParametersAreProblemsNotErrors() throws Exception {
		for (String path : List.of("/api/v1/statistics/overview?session=12-1';DROP TABLE proposal_fact;--",
				"/api/v1/statistics/trend?from=2025-13", "/api/v1/statistics/trend?from=2025-06&to=2025-01",
				"/api/v1/statistics/trend?interval=week", "/api/v1/statistics/trend?from=1900-01&to=2025-01",
				"/api/v1/statistics/units?session=" + "x".repeat(40))) {
			this.mvc.perform(get(path).with(as("u-a", null, "ADMIN", "COMMITTEE")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		this.mvc.perform(get("/api/v1/statistics/overview?session=99-9").with(as("u-c", null, "COMMITTEE")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.received").value(0))
			.andExpect(jsonPath("$.filingRate").doesNotExist());
	}

	@Test
	@Order(15)
	void theDashboardIsServedToAnyone() throws Exception {
		MvcResult page = this.mvc.perform(get("/dashboard/index.html")).andExpect(status().isOk()).andReturn();
		assertThat(page.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("提案办理统计")
			.doesNotContain("http://", "https://");
		this.mvc.perform(get("/dashboard/dashboard.js"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/api/v1/statistics/overview")));
	}

	@Test
	@Order(16)
	void theDashboardRendersRealDataInHeadlessChromium() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(Chromium.binary() != null,
				"chromium is not installed (apt-get install -y chromium)");
		// the harness opens /dashboard/index.html at phone width through the stub gateway
		// and signs in with the form
		String dom = Chromium.dumpDom(STUB.url() + "/dashboard-harness.html");
		assertThat(dom).contains("LOADED");
		// all sessions: received 8, filed 7 (87.5%), replied 4 of 6 assigned (66.7%), on
		// time 3 of 6 (50.0%)
		assertThat(dom).contains("提案总数=8", "立案率=87.5%", "办复率=66.7%", "按期办复率=50.0%", "满意率=100.0%");
		// key proposals: P5 only, not replied; follow-ups owed by the class replies P2
		// (round 2, B) and P3 (unit 11, B), none answered, no due date in these older
		// events: none overdue
		assertThat(dom).contains("重点提案=1", "重点提案办复率=0.0%", "跟踪答复率=0.0%", "跟踪答复超期=0");
		assertThat(dom).contains("SVG 4", "TRENDLINES 4");
		assertThat(dom).contains("省工业和信息化厅");
		assertThat(dom).contains("SESSIONS ,12-2,12-1");
		// nothing wider than the phone
		assertThat(dom).containsPattern("WIDTH (3[0-9][0-9])\\b");
		Chromium.screenshot(STUB.url() + "/dashboard-harness.html",
				java.nio.file.Path.of("target/dashboard-phone.png"));
	}

	@Test
	@Order(17)
	void aFailedRebuildKeepsTheReadModelAndASecondOneIsRefusedMeanwhile() throws Exception {
		STUB.overrideEvents((ex) -> {
			try {
				Thread.sleep(400);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			StubServer.send(ex, 503, "application/problem+json",
					"{\"type\":\"/problems/dependency-unavailable\",\"status\":503,\"code\":\"dependency-unavailable\"}");
		});
		try {
			this.mvc.perform(post("/api/v1/statistics/rebuild").with(as("u-admin", null, "ADMIN")))
				.andExpect(status().isAccepted());
			this.mvc.perform(post("/api/v1/statistics/rebuild").with(as("u-admin", null, "ADMIN")))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("rebuild-running"));
			Instant until = Instant.now().plus(Duration.ofSeconds(30));
			JsonNode progress;
			do {
				Thread.sleep(100);
				progress = json(get("/api/v1/statistics/rebuild"), as("u-admin", null, "ADMIN"));
			}
			while ("RUNNING".equals(progress.get("state").asString()) && Instant.now().isBefore(until));
			assertThat(progress.get("state").asString()).isEqualTo("FAILED");
			assertThat(progress.get("error").asString()).isEqualTo("dependency-unavailable");
		}
		finally {
			STUB.overrideEvents(null);
		}
		assertThat(readModelTables(this.jdbc)).isEqualTo(this.afterFirstRead);
		assertThat(this.cursor.rebuilding()).isFalse();
		this.mvc.perform(get("/api/v1/internal/audit-log?action=statistics.rebuild").with(as("u-aud", null, "AUDITOR")))
			.andExpect(jsonPath("$.items[0].result").value("FAILURE"))
			.andExpect(jsonPath("$.items[0].detail").value("rebuild-running"));
	}

	private static JsonNode category(JsonNode items, String name) {
		for (JsonNode item : items) {
			if (name.equals(item.get("category").asString())) {
				return item;
			}
		}
		throw new AssertionError("no category " + name);
	}

}
