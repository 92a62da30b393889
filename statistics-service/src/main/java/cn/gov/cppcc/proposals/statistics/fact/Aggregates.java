package cn.gov.cppcc.proposals.statistics.fact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.gov.cppcc.proposals.statistics.fact.ProposalState.UnitRow;

/**
 * The pre-aggregated read model (V3__aggregates.sql): what each proposal contributes to
 * the per session x category, session x unit, days histogram and session x month tables.
 * The aggregates are the sum of the contributions of all proposals, so applying an event
 * adds {@code after - before} of the one proposal it changed (in the event's
 * transaction), and the rebuild inserts the sum over all proposals. Counters only; no
 * figure depends on the order in which events arrived, so replays stay idempotent with
 * {@code processed_event}.
 */
final class Aggregates {

	/** One aggregate table: its key columns and its counters. */
	record Table(String name, List<String> keys, List<String> counters) {

		String upsert() {
			List<String> all = new ArrayList<>(this.keys);
			all.addAll(this.counters);
			return "INSERT INTO " + this.name + " (" + String.join(", ", all) + ") VALUES ("
					+ String.join(", ", java.util.Collections.nCopies(all.size(), "?")) + ") ON DUPLICATE KEY UPDATE "
					+ String.join(", ",
							this.counters.stream().map((c) -> c + " = " + c + " + VALUES(" + c + ")").toList());
		}

		/**
		 * Rows no proposal contributes to any more are removed (they would list as
		 * zeros).
		 */
		String deleteEmpty() {
			return "DELETE FROM " + this.name + " WHERE "
					+ String.join(" AND ", this.keys.stream().map((k) -> k + " = ?").toList()) + " AND "
					+ String.join(" AND ", this.counters.stream().map((c) -> c + " = 0").toList());
		}

	}

	static final Table SESSION_CATEGORY = new Table("agg_session_category",
			List.of("session_key", "category", "term", "session_no"),
			List.of("proposals", "received", "filed", "assigned", "replied", "on_time", "class_a", "class_b", "class_c",
					"class_d", "sat", "bas", "uns", "met", "rehandled", "days_sum", "days_n", "key_proposals",
					"published", "key_assigned", "key_replied", "key_on_time", "key_sat", "key_bas", "key_uns",
					"fu_owed", "fu_answered", "fu_on_time", "fu_a", "fu_b", "fu_c", "fu_d"));

	static final Table SESSION_UNIT = new Table("agg_session_unit", List.of("session_key", "unit_id"),
			List.of("assignments", "assigned", "co", "replied", "on_time", "class_a", "class_b", "class_c", "class_d",
					"sat", "bas", "uns", "met", "days_sum", "days_n", "key_assigned", "key_replied", "key_on_time",
					"key_sat", "key_bas", "key_uns", "fu_owed", "fu_answered", "fu_on_time", "fu_a", "fu_b", "fu_c",
					"fu_d"));

	static final Table DAYS = new Table("agg_days", List.of("session_key", "unit_id", "days"), List.of("n"));

	static final Table MONTH = new Table("agg_month", List.of("session_key", "month"),
			List.of("received", "filed", "assigned", "replied", "on_time"));

	static final List<Table> TABLES = List.of(SESSION_CATEGORY, SESSION_UNIT, DAYS, MONTH);

	/** Table → key values → counters. */
	private final Map<Table, Map<List<Object>, long[]>> rows = new LinkedHashMap<>();

	private Aggregates() {
		TABLES.forEach((t) -> this.rows.put(t, new LinkedHashMap<>()));
	}

	static Aggregates empty() {
		return new Aggregates();
	}

	/** What one proposal contributes. */
	static Aggregates of(ProposalState s) {
		Aggregates a = new Aggregates();
		a.add(s, 1);
		return a;
	}

	/** The sum over many proposals (the rebuild). */
	static Aggregates ofAll(Collection<ProposalState> states) {
		Aggregates a = new Aggregates();
		states.forEach((s) -> a.add(s, 1));
		return a;
	}

	/** {@code this - before}: the change one event made. */
	Aggregates minus(Aggregates before) {
		Aggregates delta = new Aggregates();
		this.rows.forEach((t, m) -> m.forEach((k, v) -> delta.counters(t, k, 1, v)));
		before.rows.forEach((t, m) -> m.forEach((k, v) -> delta.counters(t, k, -1, v)));
		delta.rows.values().forEach((m) -> m.values().removeIf((v) -> Arrays.stream(v).allMatch((x) -> x == 0)));
		return delta;
	}

	/** Adds these counters to the tables (upserts), then drops rows left empty. */
	void writeTo(JdbcTemplate jdbc, int batch) {
		this.rows.forEach((table, m) -> {
			if (m.isEmpty()) {
				return;
			}
			List<Map.Entry<List<Object>, long[]>> entries = new ArrayList<>(m.entrySet());
			jdbc.batchUpdate(table.upsert(), entries, batch, (ps, e) -> {
				int i = 1;
				for (Object key : e.getKey()) {
					ps.setObject(i++, key);
				}
				for (long value : e.getValue()) {
					ps.setLong(i++, value);
				}
			});
			jdbc.batchUpdate(table.deleteEmpty(), entries, batch, (ps, e) -> {
				int i = 1;
				for (Object key : e.getKey()) {
					ps.setObject(i++, key);
				}
			});
		});
	}

	static void clear(JdbcTemplate jdbc) {
		TABLES.forEach((t) -> jdbc.update("DELETE FROM " + t.name()));
	}

	private void counters(Table table, List<Object> key, int sign, long... values) {
		long[] row = this.rows.get(table).computeIfAbsent(key, (k) -> new long[table.counters().size()]);
		for (int i = 0; i < values.length; i++) {
			row[i] += sign * values[i];
		}
	}

	private void add(ProposalState s, int sign) {
		String session = (s.sessionId != null) ? s.sessionId : "";
		String category = (s.category != null) ? s.category : "未分类";
		boolean replied = s.repliedOn != null;
		// key proposals (重点提案) on the list now; follow-up of the proposal's class reply
		boolean key = s.keyProposal;
		boolean answered = s.followUpOwed && s.followUpClass != null;
		counters(SESSION_CATEGORY,
				List.of(session, category, (s.term != null) ? s.term : -1, (s.sessionNo != null) ? s.sessionNo : -1),
				sign, 1, b(s.submittedOn != null && !s.withdrawn), b(s.filedOn != null), b(s.assignedOn != null),
				b(replied), b(Boolean.TRUE.equals(s.onTime)), b(replied && "A".equals(s.resultClass)),
				b(replied && "B".equals(s.resultClass)), b(replied && "C".equals(s.resultClass)),
				b(replied && "D".equals(s.resultClass)), s.satisfied, s.basically, s.unsatisfied,
				b(s.assignedOn != null && s.meetings > 0), b(s.rehandled > 0),
				(s.daysToReply != null) ? s.daysToReply : 0, b(s.daysToReply != null), b(s.keyProposal), b(s.published),
				b(key && s.assignedOn != null), b(key && replied), b(key && Boolean.TRUE.equals(s.onTime)),
				key ? s.satisfied : 0, key ? s.basically : 0, key ? s.unsatisfied : 0, b(s.followUpOwed), b(answered),
				b(answered && Boolean.TRUE.equals(s.followUpOnTime)), b(answered && "A".equals(s.followUpClass)),
				b(answered && "B".equals(s.followUpClass)), b(answered && "C".equals(s.followUpClass)),
				b(answered && "D".equals(s.followUpClass)));
		if (s.daysToReply != null) {
			counters(DAYS, List.of(session, "", s.daysToReply), sign, 1);
		}
		for (UnitRow u : s.units.values()) {
			boolean owes = u.owesReply();
			boolean unitReplied = owes && u.repliedOn != null;
			Integer days = owes ? u.daysToReply : null;
			boolean unitKey = owes && key;
			boolean owed = unitReplied && u.followUpOwed;
			boolean unitAnswered = owed && u.followUpClass != null;
			counters(SESSION_UNIT, List.of(session, u.unitId), sign, 1, b(owes), b(!owes), b(unitReplied),
					b(owes && Boolean.TRUE.equals(u.onTime)), b(unitReplied && "A".equals(u.resultClass)),
					b(unitReplied && "B".equals(u.resultClass)), b(unitReplied && "C".equals(u.resultClass)),
					b(unitReplied && "D".equals(u.resultClass)), owes ? s.satisfied : 0, owes ? s.basically : 0,
					owes ? s.unsatisfied : 0, b(owes && u.meetings > 0), (days != null) ? days : 0, b(days != null),
					b(unitKey), b(unitKey && unitReplied), b(unitKey && Boolean.TRUE.equals(u.onTime)),
					unitKey ? s.satisfied : 0, unitKey ? s.basically : 0, unitKey ? s.unsatisfied : 0, b(owed),
					b(unitAnswered), b(unitAnswered && Boolean.TRUE.equals(u.followUpOnTime)),
					b(unitAnswered && "A".equals(u.followUpClass)), b(unitAnswered && "B".equals(u.followUpClass)),
					b(unitAnswered && "C".equals(u.followUpClass)), b(unitAnswered && "D".equals(u.followUpClass)));
			if (days != null) {
				counters(DAYS, List.of(session, u.unitId, days), sign, 1);
			}
		}
		if (s.submittedOn != null && !s.withdrawn) {
			counters(MONTH, List.of(session, month(s.submittedOn)), sign, 1, 0, 0, 0, 0);
		}
		if (s.filedOn != null) {
			counters(MONTH, List.of(session, month(s.filedOn)), sign, 0, 1, 0, 0, 0);
		}
		if (s.assignedOn != null) {
			counters(MONTH, List.of(session, month(s.assignedOn)), sign, 0, 0, 1, 0, 0);
		}
		if (replied) {
			counters(MONTH, List.of(session, month(s.repliedOn)), sign, 0, 0, 0, 1, b(Boolean.TRUE.equals(s.onTime)));
		}
	}

	private static String month(java.time.LocalDate day) {
		return java.time.YearMonth.from(day).toString();
	}

	private static long b(boolean value) {
		return value ? 1 : 0;
	}

}
