package cn.gov.cppcc.proposals.statistics.report;

import java.sql.Date;
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
 * The reports: GROUP BY queries over the read model (indexed by session and unit), a few
 * milliseconds each at the scale of ten years of a province (15,000 proposals).
 */
@Service
public class ReportService {

	/**
	 * Counts shared by the overview and the category report over {@code proposal_fact}.
	 */
	private static final String FACT_COUNTS = "SUM(submitted_on IS NOT NULL AND withdrawn = 0) received, "
			+ "SUM(filed_on IS NOT NULL) filed, SUM(assigned_on IS NOT NULL) assigned, "
			+ "SUM(replied_on IS NOT NULL) replied, SUM(on_time = 1) on_time, "
			+ "SUM(awaiting_reply = 1 AND reply_deadline < ?) overdue, "
			+ "SUM(replied_on IS NOT NULL AND result_class = 'A') a, SUM(replied_on IS NOT NULL AND result_class = 'B') b, "
			+ "SUM(replied_on IS NOT NULL AND result_class = 'C') c, SUM(replied_on IS NOT NULL AND result_class = 'D') d, "
			+ "SUM(rating_satisfied) sat, SUM(rating_basically) bas, SUM(rating_unsatisfied) uns, "
			+ "SUM(assigned_on IS NOT NULL AND meetings > 0) met, SUM(rehandled > 0) rehandled, "
			+ "AVG(days_to_reply) avg_days, SUM(key_proposal) key_proposals, SUM(published) published";

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
		String where = (session != null) ? " WHERE session_id = ?" : "";
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(today())));
		if (session != null) {
			args.add(session);
		}
		Overview overview = this.jdbc.queryForObject("SELECT " + FACT_COUNTS + " FROM proposal_fact" + where,
				(rs, n) -> {
					long received = rs.getLong("received");
					long filed = rs.getLong("filed");
					long assigned = rs.getLong("assigned");
					long replied = rs.getLong("replied");
					long onTime = rs.getLong("on_time");
					long met = rs.getLong("met");
					double avg = rs.getDouble("avg_days");
					Double average = rs.wasNull() ? null : Rates.round1(avg);
					return new Overview(session, received, filed, Rates.rate(filed, received), assigned, replied,
							Rates.rate(replied, assigned), onTime, Rates.rate(onTime, assigned), rs.getLong("overdue"),
							ResultClasses.of(rs.getLong("a"), rs.getLong("b"), rs.getLong("c"), rs.getLong("d")),
							Ratings.of(rs.getLong("sat"), rs.getLong("bas"), rs.getLong("uns")), met,
							Rates.rate(met, assigned), rs.getLong("rehandled"), average, null,
							rs.getLong("key_proposals"), rs.getLong("published"));
				}, args.toArray());
		List<Integer> days = this.jdbc.queryForList(
				"SELECT days_to_reply FROM proposal_fact WHERE days_to_reply IS NOT " + "NULL"
						+ ((session != null) ? " AND session_id = ?" : "") + " ORDER BY days_to_reply",
				Integer.class, (session != null) ? new Object[] { session } : new Object[0]);
		return new Overview(overview.session(), overview.received(), overview.filed(), overview.filingRate(),
				overview.assigned(), overview.replied(), overview.replyRate(), overview.onTime(), overview.onTimeRate(),
				overview.overdueNow(), overview.resultClasses(), overview.ratings(), overview.withMeeting(),
				overview.meetingRate(), overview.rehandled(), overview.averageDaysToReply(), Rates.median(days),
				overview.keyProposals(), overview.published());
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
			.map((r) -> new UnitRow(r.unitId(), names.getOrDefault(r.unitId(), r.unitId()), r.assigned(), r.coHandled(),
					r.replied(), r.replyRate(), r.onTime(), r.onTimeRate(), r.averageDaysToReply(),
					r.medianDaysToReply(), r.resultClasses(), r.ratings(), r.withMeeting(), r.meetingRate(),
					r.overdueNow(), r.ranked(), r.rank()))
			.toList();
		return new UnitReport(session, items, items.size(), this.properties.minimumForRanking());
	}

	/** Every unit's row, ranked and sorted; names are filled in per request. */
	private List<UnitRow> rankedUnits(String session) {
		String sessionFilter = (session != null) ? " AND u.session_id = ?" : "";
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(today())));
		if (session != null) {
			args.add(session);
		}
		Map<String, List<Integer>> days = new HashMap<>();
		this.jdbc.query(
				"SELECT u.unit_id, u.days_to_reply FROM unit_assignment u WHERE u.role <> 'CO' "
						+ "AND u.days_to_reply IS NOT NULL" + sessionFilter + " ORDER BY u.unit_id, u.days_to_reply",
				(rs) -> {
					days.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>()).add(rs.getInt(2));
				}, (session != null) ? new Object[] { session } : new Object[0]);
		int minimum = this.properties.minimumForRanking();
		List<UnitRow> rows = this.jdbc.query("SELECT u.unit_id, SUM(u.role <> 'CO') assigned, SUM(u.role = 'CO') co, "
				+ "SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL) replied, SUM(u.role <> 'CO' AND u.on_time = 1) on_time, "
				+ "AVG(CASE WHEN u.role <> 'CO' THEN u.days_to_reply END) avg_days, "
				+ "SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class = 'A') a, "
				+ "SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class = 'B') b, "
				+ "SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class = 'C') c, "
				+ "SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class = 'D') d, "
				+ "SUM(CASE WHEN u.role <> 'CO' THEN f.rating_satisfied ELSE 0 END) sat, "
				+ "SUM(CASE WHEN u.role <> 'CO' THEN f.rating_basically ELSE 0 END) bas, "
				+ "SUM(CASE WHEN u.role <> 'CO' THEN f.rating_unsatisfied ELSE 0 END) uns, "
				+ "SUM(u.role <> 'CO' AND u.meetings > 0) met, "
				+ "SUM(u.role <> 'CO' AND u.awaiting_reply = 1 AND u.reply_deadline < ?) overdue "
				+ "FROM unit_assignment u JOIN proposal_fact f ON f.proposal_id = u.proposal_id WHERE 1 = 1"
				+ sessionFilter + " GROUP BY u.unit_id", (rs, n) -> {
					String unitId = rs.getString("unit_id");
					long assigned = rs.getLong("assigned");
					long replied = rs.getLong("replied");
					long onTime = rs.getLong("on_time");
					long met = rs.getLong("met");
					double avg = rs.getDouble("avg_days");
					Double average = rs.wasNull() ? null : Rates.round1(avg);
					boolean ranked = assigned >= minimum;
					Ratings ratings = Ratings.of(rs.getLong("sat"), rs.getLong("bas"), rs.getLong("uns"));
					ResultClasses classes = ResultClasses.of(rs.getLong("a"), rs.getLong("b"), rs.getLong("c"),
							rs.getLong("d"));
					if (!ranked) {
						ratings = new Ratings(ratings.satisfied(), ratings.basicallySatisfied(), ratings.unsatisfied(),
								ratings.received(), null);
						classes = new ResultClasses(classes.a(), classes.b(), classes.c(), classes.d(), null, null,
								null);
					}
					return new UnitRow(unitId, unitId, assigned, rs.getLong("co"), replied,
							ranked ? Rates.rate(replied, assigned) : null, onTime,
							ranked ? Rates.rate(onTime, assigned) : null, ranked ? average : null,
							ranked ? Rates.median(days.getOrDefault(unitId, List.of())) : null, classes, ratings, met,
							ranked ? Rates.rate(met, assigned) : null, rs.getLong("overdue"), ranked, null);
				}, args.toArray());
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
			.map((r) -> new UnitRow(r.unitId(), r.unitName(), r.assigned(), r.coHandled(), r.replied(), r.replyRate(),
					r.onTime(), r.onTimeRate(), r.averageDaysToReply(), r.medianDaysToReply(), r.resultClasses(),
					r.ratings(), r.withMeeting(), r.meetingRate(), r.overdueNow(), r.ranked(), ranks.get(r.unitId())))
			.sorted(Comparator.comparing(UnitRow::rank, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(UnitRow::assigned, Comparator.reverseOrder())
				.thenComparing(UnitRow::unitId))
			.toList();
	}

	public CategoryReport categories(String session) {
		return this.cache.get("categories|" + session, () -> computeCategories(session));
	}

	private CategoryReport computeCategories(String session) {
		String where = (session != null) ? " WHERE session_id = ?" : "";
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(today())));
		if (session != null) {
			args.add(session);
		}
		List<CategoryRow> items = this.jdbc.query("SELECT COALESCE(category, '未分类') cat, " + FACT_COUNTS
				+ " FROM proposal_fact" + where + " GROUP BY COALESCE(category, '未分类') ORDER BY received DESC, cat",
				(rs, n) -> {
					long received = rs.getLong("received");
					long filed = rs.getLong("filed");
					long assigned = rs.getLong("assigned");
					long replied = rs.getLong("replied");
					long onTime = rs.getLong("on_time");
					return new CategoryRow(rs.getString("cat"), received, filed, Rates.rate(filed, received), assigned,
							replied, Rates.rate(replied, assigned), onTime, Rates.rate(onTime, assigned),
							ResultClasses.of(rs.getLong("a"), rs.getLong("b"), rs.getLong("c"), rs.getLong("d")),
							Ratings.of(rs.getLong("sat"), rs.getLong("bas"), rs.getLong("uns")));
				}, args.toArray());
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
		String format = yearly ? "%Y" : "%Y-%m";
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
		String[] columns = { "submitted_on", "filed_on", "assigned_on", "replied_on", "replied_on" };
		String[] extra = { " AND withdrawn = 0", "", "", "", " AND on_time = 1" };
		for (int i = 0; i < columns.length; i++) {
			int slot = i;
			List<Object> args = new ArrayList<>(List.of(Date.valueOf(start), Date.valueOf(end)));
			if (session != null) {
				args.add(session);
			}
			this.jdbc.query("SELECT DATE_FORMAT(" + columns[i] + ", '" + format + "') p, COUNT(*) n FROM proposal_fact "
					+ "WHERE " + columns[i] + " BETWEEN ? AND ?" + extra[i]
					+ ((session != null) ? " AND session_id = ?" : "") + " GROUP BY p", (rs) -> {
						long[] counts = periods.get(rs.getString("p"));
						if (counts != null) {
							counts[slot] = rs.getLong("n");
						}
					}, args.toArray());
		}
		List<TrendPoint> items = new ArrayList<>();
		periods.forEach((p, c) -> items.add(new TrendPoint(p, c[0], c[1], c[2], c[3], c[4])));
		return new Trend(yearly ? String.valueOf(from.getYear()) : from.toString(),
				yearly ? String.valueOf(to.getYear()) : to.toString(), yearly ? "year" : "month", session, items);
	}

	public PublicStatistics publicStatistics() {
		return this.cache.get("public", this::computePublicStatistics);
	}

	private PublicStatistics computePublicStatistics() {
		List<PublicSession> sessions = this.jdbc.query("SELECT session_id, MAX(term) term, MAX(session_no) session_no, "
				+ "SUM(submitted_on IS NOT NULL AND withdrawn = 0) received, SUM(filed_on IS NOT NULL) filed, "
				+ "SUM(assigned_on IS NOT NULL) assigned, SUM(replied_on IS NOT NULL) replied, "
				+ "SUM(rating_satisfied) sat, SUM(rating_basically) bas, SUM(rating_unsatisfied) uns "
				+ "FROM proposal_fact WHERE session_id IS NOT NULL GROUP BY session_id HAVING received > 0 "
				+ "ORDER BY MAX(term) DESC, MAX(session_no) DESC, session_id DESC", (rs, n) -> {
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
