package cn.gov.cppcc.proposals.statistics.report;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.report.Reports.CategoryReport;
import cn.gov.cppcc.proposals.statistics.report.Reports.CategoryRow;
import cn.gov.cppcc.proposals.statistics.report.Reports.FollowUpFigures;
import cn.gov.cppcc.proposals.statistics.report.Reports.KeyProposalFigures;
import cn.gov.cppcc.proposals.statistics.report.Reports.Overview;
import cn.gov.cppcc.proposals.statistics.report.Reports.PublicSession;
import cn.gov.cppcc.proposals.statistics.report.Reports.PublicStatistics;
import cn.gov.cppcc.proposals.statistics.report.Reports.Ratings;
import cn.gov.cppcc.proposals.statistics.report.Reports.ResultClasses;
import cn.gov.cppcc.proposals.statistics.report.Reports.Trend;
import cn.gov.cppcc.proposals.statistics.report.Reports.TrendPoint;
import cn.gov.cppcc.proposals.statistics.report.Reports.UnitReport;
import cn.gov.cppcc.proposals.statistics.report.Reports.UnitRow;
import cn.gov.cppcc.proposals.statistics.unit.UnitNames;

/**
 * The reports: small indexed queries over the pre-aggregated read model (per session x
 * category, session x unit, days histogram, session x month; V3__aggregates.sql), whose
 * size does not grow with the number of proposals; only "overdue now", which depends on
 * today's date, is counted live over the rows still awaiting a reply.
 */
@Service
public class ReportService {

	/**
	 * The handling counters that the per session x category and the per session x unit
	 * aggregates both keep, under the same names; read by {@link Handling#read}.
	 */
	private static final String HANDLING_SUMS = "SUM(assigned) assigned, SUM(replied) replied, "
			+ "SUM(on_time) on_time, SUM(class_a) a, SUM(class_b) b, SUM(class_c) c, SUM(class_d) d, SUM(sat) sat, "
			+ "SUM(bas) bas, SUM(uns) uns, SUM(met) met, SUM(days_sum) / NULLIF(SUM(days_n), 0) avg_days, "
			+ "SUM(key_assigned) key_assigned, SUM(key_replied) key_replied, SUM(key_on_time) key_on_time, "
			+ "SUM(key_sat) key_sat, SUM(key_bas) key_bas, SUM(key_uns) key_uns, SUM(fu_owed) fu_owed, "
			+ "SUM(fu_answered) fu_answered, SUM(fu_on_time) fu_on_time, SUM(fu_a) fu_a, SUM(fu_b) fu_b, "
			+ "SUM(fu_c) fu_c, SUM(fu_d) fu_d";

	/**
	 * Sums shared by the overview and the category report over the per session x category
	 * aggregate ({@code agg_session_category}, kept by the event applier).
	 */
	private static final String AGG_COUNTS = "SUM(received) received, SUM(filed) filed, SUM(rehandled) rehandled, "
			+ "SUM(key_proposals) key_proposals, SUM(published) published, " + HANDLING_SUMS;

	/**
	 * A reply's follow-up is overdue now: owed, not answered, due before today (live, as
	 * "overdue now").
	 */
	private static final String FOLLOW_UP_OVERDUE = "follow_up_owed = 1 AND follow_up_class IS NULL "
			+ "AND follow_up_due < ?";

	private final JdbcTemplate jdbc;

	private final UnitNames unitNames;

	private final StatisticsProperties properties;

	private final ReportCache cache;

	ReportService(JdbcTemplate jdbc, UnitNames unitNames, StatisticsProperties properties, ReportCache cache) {
		this.jdbc = jdbc;
		this.unitNames = unitNames;
		this.properties = properties;
		this.cache = cache;
	}

	private LocalDate today() {
		return LocalDate.now(this.properties.zone());
	}

	public Overview overview(String session) {
		return this.cache.get("overview|" + session, () -> computeOverview(session));
	}

	private Overview computeOverview(String session) {
		String where = (session != null) ? " WHERE session_key = ?" : "";
		Object[] args = (session != null) ? new Object[] { session } : new Object[0];
		Object[] todayArgs = (session != null) ? new Object[] { Date.valueOf(today()), session }
				: new Object[] { Date.valueOf(today()) };
		String sessionFilter = (session != null) ? " AND session_id = ?" : "";
		// "Overdue now" depends on today: counted live over the few facts still awaiting
		// a reply (or a follow-up answer).
		Long overdue = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM proposal_fact WHERE awaiting_reply = 1 AND reply_deadline < ?" + sessionFilter,
				Long.class, todayArgs);
		Long overdueFollowUps = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM proposal_fact WHERE " + FOLLOW_UP_OVERDUE + sessionFilter, Long.class, todayArgs);
		Double median = median(this.jdbc.query(
				"SELECT days, SUM(n) n FROM agg_days WHERE unit_id = ''"
						+ ((session != null) ? " AND session_key = ?" : "") + " GROUP BY days ORDER BY days",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, args));
		return this.jdbc.queryForObject("SELECT " + AGG_COUNTS + " FROM agg_session_category" + where, (rs, n) -> {
			long received = rs.getLong("received");
			long filed = rs.getLong("filed");
			Handling h = Handling.read(rs);
			return new Overview(session, received, filed, Rates.rate(filed, received), h.assigned(), h.replied(),
					Rates.rate(h.replied(), h.assigned()), h.onTime(), Rates.rate(h.onTime(), h.assigned()), overdue,
					h.classes(), h.ratings(), h.met(), Rates.rate(h.met(), h.assigned()), rs.getLong("rehandled"),
					Rates.round1(h.averageDays()), median, rs.getLong("key_proposals"), rs.getLong("published"),
					h.keyProposals(rs.getLong("key_proposals"), true), h.followUps(overdueFollowUps, true));
		}, args);
	}

	/**
	 * The handling counters of a row of either aggregate ({@link #HANDLING_SUMS}), read
	 * once for the overview, the category rows and the unit rows.
	 */
	private record Handling(long assigned, long replied, long onTime, long met, Double averageDays,
			ResultClasses classes, Ratings ratings, long keyAssigned, long keyReplied, long keyOnTime,
			Ratings keyRatings, long followUpsOwed, long followUpsAnswered, long followUpsOnTime,
			ResultClasses followUpClasses) {

		static Handling read(ResultSet rs) throws SQLException {
			double avg = rs.getDouble("avg_days");
			Double average = rs.wasNull() ? null : avg;
			return new Handling(rs.getLong("assigned"), rs.getLong("replied"), rs.getLong("on_time"), rs.getLong("met"),
					average, ResultClasses.of(rs.getLong("a"), rs.getLong("b"), rs.getLong("c"), rs.getLong("d")),
					Ratings.of(rs.getLong("sat"), rs.getLong("bas"), rs.getLong("uns")), rs.getLong("key_assigned"),
					rs.getLong("key_replied"), rs.getLong("key_on_time"),
					Ratings.of(rs.getLong("key_sat"), rs.getLong("key_bas"), rs.getLong("key_uns")),
					rs.getLong("fu_owed"), rs.getLong("fu_answered"), rs.getLong("fu_on_time"),
					ResultClasses.of(rs.getLong("fu_a"), rs.getLong("fu_b"), rs.getLong("fu_c"), rs.getLong("fu_d")));
		}

		/**
		 * @param count the key proposals counted
		 * @param rates false: rates (and shares) hidden, below the minimum for ranking
		 */
		KeyProposalFigures keyProposals(long count, boolean rates) {
			return new KeyProposalFigures(count, this.keyAssigned, this.keyReplied,
					rates ? Rates.rate(this.keyReplied, this.keyAssigned) : null, this.keyOnTime,
					rates ? Rates.rate(this.keyOnTime, this.keyAssigned) : null,
					rates ? this.keyRatings : withoutRate(this.keyRatings));
		}

		/**
		 * @param overdueNow counted live
		 * @param rates false: rates (and shares) hidden, below the minimum for ranking
		 */
		FollowUpFigures followUps(long overdueNow, boolean rates) {
			long solved = this.followUpClasses.a();
			long classes = this.classes.a() + this.classes.b() + this.classes.c() + this.classes.d();
			return new FollowUpFigures(this.followUpsOwed, this.followUpsAnswered,
					rates ? Rates.rate(this.followUpsAnswered, this.followUpsOwed) : null, this.followUpsOnTime,
					rates ? Rates.rate(this.followUpsOnTime, this.followUpsOwed) : null, overdueNow,
					rates ? this.followUpClasses : withoutShares(this.followUpClasses), solved,
					rates ? Rates.rate(this.classes.a() + solved, classes) : null);
		}

	}

	static Ratings withoutRate(Ratings r) {
		return new Ratings(r.satisfied(), r.basicallySatisfied(), r.unsatisfied(), r.received(), null);
	}

	static ResultClasses withoutShares(ResultClasses c) {
		return new ResultClasses(c.a(), c.b(), c.c(), c.d(), null, null, null);
	}

	/**
	 * The exact median from a histogram of (days, how many), sorted by days: the middle
	 * value, or the mean of the two middle ones for an even count (as
	 * {@link Rates#median}).
	 */
	static Double median(List<long[]> histogram) {
		long total = 0;
		for (long[] bin : histogram) {
			total += bin[1];
		}
		if (total == 0) {
			return null;
		}
		long lower = (total - 1) / 2;
		long upper = total / 2;
		Long low = null;
		long seen = 0;
		for (long[] bin : histogram) {
			long next = seen + bin[1];
			if (low == null && lower < next) {
				low = bin[0];
			}
			if (upper < next) {
				return (low + bin[0]) / 2.0;
			}
			seen = next;
		}
		return null;
	}

	/**
	 * One row per unit, ranked among the units with at least the configured minimum of
	 * proposals to reply to.
	 * @param session the session or {@code null} for all
	 * @param onlyUnit when not {@code null}, only this unit's row is answered (unit
	 * staff)
	 */
	public UnitReport units(String session, String onlyUnit) {
		List<UnitRow> rows = this.cache.get("units|" + session, () -> rankedUnits(session));
		Map<String, String> names = this.unitNames.names();
		List<UnitRow> items = rows.stream()
			.filter((r) -> onlyUnit == null || onlyUnit.equals(r.unitId()))
			.map((r) -> r.withNameAndRank(names.getOrDefault(r.unitId(), r.unitId()), r.rank()))
			.toList();
		return new UnitReport(session, items, items.size(), this.properties.minimumForRanking());
	}

	/** Every unit's row, ranked and sorted; names are filled in per request. */
	private List<UnitRow> rankedUnits(String session) {
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(today())));
		if (session != null) {
			args.add(session);
		}
		Object[] sessionArgs = (session != null) ? new Object[] { session } : new Object[0];
		Map<String, List<long[]>> days = new HashMap<>();
		this.jdbc.query("SELECT unit_id, days, SUM(n) FROM agg_days WHERE unit_id <> ''"
				+ ((session != null) ? " AND session_key = ?" : "") + " GROUP BY unit_id, days ORDER BY unit_id, days",
				(rs) -> {
					days.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>())
						.add(new long[] { rs.getLong(2), rs.getLong(3) });
				}, sessionArgs);
		// "Overdue now" depends on today: counted live over the unit rows still awaiting
		// a reply.
		Map<String, Long> overdue = new HashMap<>();
		this.jdbc.query(
				"SELECT unit_id, COUNT(*) FROM unit_assignment WHERE awaiting_reply = 1 AND reply_deadline < ?"
						+ " AND role <> 'CO'" + ((session != null) ? " AND session_id = ?" : "") + " GROUP BY unit_id",
				(rs) -> {
					overdue.put(rs.getString(1), rs.getLong(2));
				}, args.toArray());
		Map<String, Long> overdueFollowUps = new HashMap<>();
		this.jdbc.query("SELECT unit_id, COUNT(*) FROM unit_assignment WHERE " + FOLLOW_UP_OVERDUE + " AND role <> 'CO'"
				+ ((session != null) ? " AND session_id = ?" : "") + " GROUP BY unit_id", (rs) -> {
					overdueFollowUps.put(rs.getString(1), rs.getLong(2));
				}, args.toArray());
		int minimum = this.properties.minimumForRanking();
		List<UnitRow> rows = this.jdbc.query("SELECT unit_id, SUM(co) co, " + HANDLING_SUMS + " FROM agg_session_unit"
				+ ((session != null) ? " WHERE session_key = ?" : "") + " GROUP BY unit_id", (rs, n) -> {
					String unitId = rs.getString("unit_id");
					Handling h = Handling.read(rs);
					long assigned = h.assigned();
					// below the minimum, counts are shown and rates, days and rank hidden
					boolean ranked = assigned >= minimum;
					return new UnitRow(unitId, unitId, assigned, rs.getLong("co"), h.replied(),
							ranked ? Rates.rate(h.replied(), assigned) : null, h.onTime(),
							ranked ? Rates.rate(h.onTime(), assigned) : null,
							ranked ? Rates.round1(h.averageDays()) : null,
							ranked ? median(days.getOrDefault(unitId, List.of())) : null,
							ranked ? h.classes() : withoutShares(h.classes()),
							ranked ? h.ratings() : withoutRate(h.ratings()), h.met(),
							ranked ? Rates.rate(h.met(), assigned) : null, overdue.getOrDefault(unitId, 0L), ranked,
							null, h.keyProposals(h.keyAssigned(), ranked),
							h.followUps(overdueFollowUps.getOrDefault(unitId, 0L), ranked));
				}, sessionArgs);
		List<UnitRow> ranking = rows.stream()
			.filter(UnitRow::ranked)
			.sorted(Comparator.comparing(UnitRow::onTimeRate, Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(UnitRow::replyRate, Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing((UnitRow r) -> r.ratings().satisfactionRate(),
						Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(UnitRow::unitId))
			.toList();
		Map<String, Integer> ranks = new HashMap<>();
		for (int i = 0; i < ranking.size(); i++) {
			ranks.put(ranking.get(i).unitId(), i + 1);
		}
		return rows.stream()
			.map((r) -> r.withNameAndRank(r.unitName(), ranks.get(r.unitId())))
			.sorted(Comparator.comparing(UnitRow::rank, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(UnitRow::assigned, Comparator.reverseOrder())
				.thenComparing(UnitRow::unitId))
			.toList();
	}

	public CategoryReport categories(String session) {
		return this.cache.get("categories|" + session, () -> computeCategories(session));
	}

	private CategoryReport computeCategories(String session) {
		String where = (session != null) ? " WHERE session_key = ?" : "";
		List<CategoryRow> items = this.jdbc.query("SELECT category cat, " + AGG_COUNTS + " FROM agg_session_category"
				+ where + " GROUP BY category ORDER BY received DESC, cat", (rs, n) -> {
					long received = rs.getLong("received");
					long filed = rs.getLong("filed");
					Handling h = Handling.read(rs);
					return new CategoryRow(rs.getString("cat"), received, filed, Rates.rate(filed, received),
							h.assigned(), h.replied(), Rates.rate(h.replied(), h.assigned()), h.onTime(),
							Rates.rate(h.onTime(), h.assigned()), h.classes(), h.ratings());
				}, (session != null) ? new Object[] { session } : new Object[0]);
		return new CategoryReport(session, items, items.size());
	}

	/**
	 * What happened in each month (or year) from {@code from} to {@code to}, both
	 * included: proposals received, filed, assigned, replied and replied on time then.
	 */
	public Trend trend(YearMonth from, YearMonth to, boolean yearly, String session) {
		return this.cache.get("trend|" + from + "|" + to + "|" + yearly + "|" + session,
				() -> computeTrend(from, to, yearly, session));
	}

	private Trend computeTrend(YearMonth from, YearMonth to, boolean yearly, String session) {
		LocalDate start = yearly ? LocalDate.of(from.getYear(), 1, 1) : from.atDay(1);
		LocalDate end = yearly ? LocalDate.of(to.getYear(), 12, 31) : to.atEndOfMonth();
		Map<String, long[]> periods = new LinkedHashMap<>();
		if (yearly) {
			for (int y = from.getYear(); y <= to.getYear(); y++) {
				periods.put(String.valueOf(y), new long[5]);
			}
		}
		else {
			for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
				periods.put(m.toString(), new long[5]);
			}
		}
		List<Object> args = new ArrayList<>(List.of(YearMonth.from(start).toString(), YearMonth.from(end).toString()));
		if (session != null) {
			args.add(session);
		}
		String period = yearly ? "LEFT(month, 4)" : "month";
		this.jdbc.query("SELECT " + period + " p, SUM(received), SUM(filed), SUM(assigned), SUM(replied), SUM(on_time) "
				+ "FROM agg_month WHERE month BETWEEN ? AND ?" + ((session != null) ? " AND session_key = ?" : "")
				+ " GROUP BY p", (rs) -> {
					long[] counts = periods.get(rs.getString("p"));
					if (counts != null) {
						for (int i = 0; i < 5; i++) {
							counts[i] = rs.getLong(i + 2);
						}
					}
				}, args.toArray());
		List<TrendPoint> items = new ArrayList<>();
		periods.forEach((p, c) -> items.add(new TrendPoint(p, c[0], c[1], c[2], c[3], c[4])));
		return new Trend(yearly ? String.valueOf(from.getYear()) : from.toString(),
				yearly ? String.valueOf(to.getYear()) : to.toString(), yearly ? "year" : "month", session, items);
	}

	public PublicStatistics publicStatistics() {
		return this.cache.get("public", this::computePublicStatistics);
	}

	private PublicStatistics computePublicStatistics() {
		List<PublicSession> sessions = this.jdbc.query(
				"SELECT session_key session_id, "
						+ "NULLIF(MAX(term), -1) term, NULLIF(MAX(session_no), -1) session_no, SUM(received) received, "
						+ "SUM(filed) filed, SUM(assigned) assigned, SUM(replied) replied, SUM(sat) sat, SUM(bas) bas, "
						+ "SUM(uns) uns FROM agg_session_category WHERE session_key <> '' GROUP BY session_key "
						+ "HAVING received > 0 ORDER BY MAX(term) DESC, MAX(session_no) DESC, session_key DESC",
				(rs, n) -> {
					Integer term = rs.getInt("term");
					term = rs.wasNull() ? null : term;
					Integer sessionNo = rs.getInt("session_no");
					sessionNo = rs.wasNull() ? null : sessionNo;
					return new PublicSession(rs.getString("session_id"), term, sessionNo, rs.getLong("received"),
							rs.getLong("filed"), Rates.rate(rs.getLong("replied"), rs.getLong("assigned")),
							Ratings.of(rs.getLong("sat"), rs.getLong("bas"), rs.getLong("uns")).satisfactionRate());
				});
		return new PublicStatistics(sessions);
	}

}
