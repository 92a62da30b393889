package cn.gov.cppcc.proposals.statistics.fact;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.gov.cppcc.proposals.statistics.fact.ProposalState.UnitRow;

/**
 * Reads and writes the read model tables ({@code proposal_fact}, {@code unit_assignment})
 * with plain JDBC: the rebuild writes 15,000 proposals and their units in a few batched
 * round trips (the connection uses {@code rewriteBatchedStatements}).
 */
@Repository
public class FactStore {

	private static final String FACT_COLUMNS = "proposal_id, session_id, term, session_no, number, category, "
			+ "proposer_count, sectors, mode, lead_unit_id, co_unit_ids, separate_unit_ids, status, withdrawn, "
			+ "not_filed, merged, submitted_on, filed_on, assigned_on, replied_on, closed_on, reply_deadline, "
			+ "awaiting_reply, on_time, days_to_reply, result_class, class_reply_id, ratings, rating_satisfied, "
			+ "rating_basically, rating_unsatisfied, communications, meetings, rehandled, key_proposal, published, "
			+ "last_position, follow_up_owed, follow_up_due, follow_up_class, follow_up_on_time";

	private static final String UNIT_COLUMNS = "proposal_id, unit_id, role, session_id, assigned_on, reply_deadline, "
			+ "awaiting_reply, replied_on, on_time, days_to_reply, result_class, reply_id, opinion_given, meetings, "
			+ "follow_up_owed, follow_up_due, follow_up_class, follow_up_on_time";

	private static final String INSERT_FACT = "INSERT INTO proposal_fact (" + FACT_COLUMNS + ") VALUES ("
			+ placeholders(41) + ")";

	private static final String UPSERT_FACT = INSERT_FACT + " ON DUPLICATE KEY UPDATE " + String.join(", ",
			List.of(FACT_COLUMNS.split(",\\s*")).stream().skip(1).map((c) -> c + " = VALUES(" + c + ")").toList());

	private static final String INSERT_UNIT = "INSERT INTO unit_assignment (" + UNIT_COLUMNS + ") VALUES ("
			+ placeholders(18) + ")";

	private static final int BATCH = 1000;

	private final JdbcTemplate jdbc;

	FactStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param proposalId the proposal
	 * @return its state, or a new empty one
	 */
	public ProposalState load(String proposalId) {
		List<ProposalState> found = this.jdbc.query(
				"SELECT " + FACT_COLUMNS + " FROM proposal_fact WHERE proposal_id = ?", (rs, n) -> readFact(rs),
				proposalId);
		ProposalState state = found.isEmpty() ? ProposalState.create(proposalId) : found.get(0);
		if (!found.isEmpty()) {
			this.jdbc.query(
					"SELECT " + UNIT_COLUMNS + " FROM unit_assignment WHERE proposal_id = ? ORDER BY role, unit_id",
					(ResultSet rs) -> {
						UnitRow unit = readUnit(rs);
						state.units.put(unit.unitId, unit);
					}, proposalId);
		}
		return state;
	}

	/**
	 * What a proposal contributes to the aggregates now; taken before an event changes
	 * it, and handed back to {@link #save(ProposalState, Object)}.
	 * @param state the proposal as loaded
	 * @return an opaque snapshot
	 */
	public Object contribution(ProposalState state) {
		return state.stored ? Aggregates.of(state) : Aggregates.empty();
	}

	/**
	 * Saves one proposal: its fact row, the exact set of its units, and the change to the
	 * aggregates, in the caller's transaction.
	 * @param state the proposal after the event
	 * @param before {@link #contribution(ProposalState)} of it before the event
	 */
	public void save(ProposalState state, Object before) {
		Aggregates.of(state).minus((Aggregates) before).writeTo(this.jdbc, BATCH);
		save(state);
	}

	/** Saves one proposal: its fact row and the exact set of its units. */
	void save(ProposalState state) {
		this.jdbc.update(UPSERT_FACT, (PreparedStatement ps) -> bindFact(ps, state));
		this.jdbc.update("DELETE FROM unit_assignment WHERE proposal_id = ?", state.proposalId);
		if (!state.units.isEmpty()) {
			List<UnitRow> units = new ArrayList<>(state.units.values());
			this.jdbc.batchUpdate(INSERT_UNIT, units, units.size(), (ps, unit) -> bindUnit(ps, state, unit));
		}
	}

	/** Empties the read model (the rebuild, in its transaction). */
	public void clear() {
		this.jdbc.update("DELETE FROM unit_assignment");
		this.jdbc.update("DELETE FROM proposal_fact");
		Aggregates.clear(this.jdbc);
	}

	/** Inserts many proposals into an empty read model, in batches. */
	public void insertAll(Collection<ProposalState> states) {
		this.jdbc.batchUpdate(INSERT_FACT, states, BATCH, this::bindFact);
		List<OwnedUnit> units = new ArrayList<>();
		for (ProposalState state : states) {
			state.units.values().forEach((unit) -> units.add(new OwnedUnit(state, unit)));
		}
		this.jdbc.batchUpdate(INSERT_UNIT, units, BATCH, (ps, owned) -> bindUnit(ps, owned.owner(), owned.unit()));
		Aggregates.ofAll(states).writeTo(this.jdbc, BATCH);
	}

	private record OwnedUnit(ProposalState owner, UnitRow unit) {
	}

	private void bindFact(PreparedStatement ps, ProposalState s) throws SQLException {
		int i = 1;
		ps.setString(i++, s.proposalId);
		ps.setString(i++, s.sessionId);
		setInt(ps, i++, s.term);
		setInt(ps, i++, s.sessionNo);
		ps.setString(i++, s.number);
		ps.setString(i++, s.category);
		ps.setInt(i++, s.proposerCount);
		ps.setString(i++, s.sectors);
		ps.setString(i++, s.mode);
		ps.setString(i++, s.leadUnitId);
		ps.setString(i++, s.coUnitIds);
		ps.setString(i++, s.separateUnitIds);
		ps.setString(i++, s.status);
		ps.setBoolean(i++, s.withdrawn);
		ps.setBoolean(i++, s.notFiled);
		ps.setBoolean(i++, s.merged);
		setDate(ps, i++, s.submittedOn);
		setDate(ps, i++, s.filedOn);
		setDate(ps, i++, s.assignedOn);
		setDate(ps, i++, s.repliedOn);
		setDate(ps, i++, s.closedOn);
		setDate(ps, i++, s.replyDeadline);
		ps.setBoolean(i++, s.awaitingReply);
		setBoolean(ps, i++, s.onTime);
		setInt(ps, i++, s.daysToReply);
		ps.setString(i++, s.resultClass);
		ps.setString(i++, s.classReplyId);
		ps.setString(i++, s.ratings.isEmpty() ? null : encodeRatings(s));
		ps.setInt(i++, s.satisfied);
		ps.setInt(i++, s.basically);
		ps.setInt(i++, s.unsatisfied);
		ps.setInt(i++, s.communications);
		ps.setInt(i++, s.meetings);
		ps.setInt(i++, s.rehandled);
		ps.setBoolean(i++, s.keyProposal);
		ps.setBoolean(i++, s.published);
		ps.setLong(i++, s.lastPosition);
		ps.setBoolean(i++, s.followUpOwed);
		setDate(ps, i++, s.followUpDue);
		ps.setString(i++, s.followUpClass);
		setBoolean(ps, i, s.followUpOnTime);
	}

	private void bindUnit(PreparedStatement ps, ProposalState s, UnitRow u) throws SQLException {
		int i = 1;
		ps.setString(i++, s.proposalId);
		ps.setString(i++, u.unitId);
		ps.setString(i++, u.role);
		ps.setString(i++, s.sessionId);
		setDate(ps, i++, u.assignedOn);
		setDate(ps, i++, u.replyDeadline);
		ps.setBoolean(i++, u.awaitingReply);
		setDate(ps, i++, u.repliedOn);
		setBoolean(ps, i++, u.onTime);
		setInt(ps, i++, u.daysToReply);
		ps.setString(i++, u.resultClass);
		ps.setString(i++, u.replyId);
		ps.setBoolean(i++, u.opinionGiven);
		ps.setInt(i++, u.meetings);
		ps.setBoolean(i++, u.followUpOwed);
		setDate(ps, i++, u.followUpDue);
		ps.setString(i++, u.followUpClass);
		setBoolean(ps, i, u.followUpOnTime);
	}

	private static ProposalState readFact(ResultSet rs) throws SQLException {
		ProposalState s = ProposalState.create(rs.getString("proposal_id"));
		s.sessionId = rs.getString("session_id");
		s.term = getInt(rs, "term");
		s.sessionNo = getInt(rs, "session_no");
		s.number = rs.getString("number");
		s.category = rs.getString("category");
		s.proposerCount = rs.getInt("proposer_count");
		s.sectors = rs.getString("sectors");
		s.mode = rs.getString("mode");
		s.leadUnitId = rs.getString("lead_unit_id");
		s.coUnitIds = rs.getString("co_unit_ids");
		s.separateUnitIds = rs.getString("separate_unit_ids");
		s.status = rs.getString("status");
		s.withdrawn = rs.getBoolean("withdrawn");
		s.notFiled = rs.getBoolean("not_filed");
		s.merged = rs.getBoolean("merged");
		s.submittedOn = getDate(rs, "submitted_on");
		s.filedOn = getDate(rs, "filed_on");
		s.assignedOn = getDate(rs, "assigned_on");
		s.repliedOn = getDate(rs, "replied_on");
		s.closedOn = getDate(rs, "closed_on");
		s.replyDeadline = getDate(rs, "reply_deadline");
		s.awaitingReply = rs.getBoolean("awaiting_reply");
		s.onTime = getBoolean(rs, "on_time");
		s.daysToReply = getInt(rs, "days_to_reply");
		s.resultClass = rs.getString("result_class");
		s.classReplyId = rs.getString("class_reply_id");
		decodeRatings(s, rs.getString("ratings"));
		s.communications = rs.getInt("communications");
		s.meetings = rs.getInt("meetings");
		s.rehandled = rs.getInt("rehandled");
		s.keyProposal = rs.getBoolean("key_proposal");
		s.published = rs.getBoolean("published");
		s.lastPosition = rs.getLong("last_position");
		s.followUpOwed = rs.getBoolean("follow_up_owed");
		s.followUpDue = getDate(rs, "follow_up_due");
		s.followUpClass = rs.getString("follow_up_class");
		s.followUpOnTime = getBoolean(rs, "follow_up_on_time");
		s.stored = true;
		return s;
	}

	private static UnitRow readUnit(ResultSet rs) throws SQLException {
		UnitRow u = new UnitRow(rs.getString("unit_id"), rs.getString("role"));
		u.assignedOn = getDate(rs, "assigned_on");
		u.replyDeadline = getDate(rs, "reply_deadline");
		u.awaitingReply = rs.getBoolean("awaiting_reply");
		u.repliedOn = getDate(rs, "replied_on");
		u.onTime = getBoolean(rs, "on_time");
		u.daysToReply = getInt(rs, "days_to_reply");
		u.resultClass = rs.getString("result_class");
		u.replyId = rs.getString("reply_id");
		u.opinionGiven = rs.getBoolean("opinion_given");
		u.meetings = rs.getInt("meetings");
		u.followUpOwed = rs.getBoolean("follow_up_owed");
		u.followUpDue = getDate(rs, "follow_up_due");
		u.followUpClass = rs.getString("follow_up_class");
		u.followUpOnTime = getBoolean(rs, "follow_up_on_time");
		return u;
	}

	/** "member=round:RATING;..." — the latest rating of each proposer. */
	private static String encodeRatings(ProposalState s) {
		StringBuilder text = new StringBuilder();
		s.ratings.forEach((member, value) -> {
			if (!text.isEmpty()) {
				text.append(';');
			}
			text.append(member).append('=').append(value);
		});
		return text.toString();
	}

	private static void decodeRatings(ProposalState s, String text) {
		if (text != null && !text.isEmpty()) {
			for (String entry : text.split(";")) {
				int eq = entry.lastIndexOf('=');
				if (eq > 0) {
					s.ratings.put(entry.substring(0, eq), entry.substring(eq + 1));
				}
			}
		}
		Projector.countRatings(s);
	}

	private static String placeholders(int n) {
		return String.join(", ", java.util.Collections.nCopies(n, "?"));
	}

	private static void setInt(PreparedStatement ps, int i, Integer value) throws SQLException {
		if (value == null) {
			ps.setNull(i, Types.INTEGER);
		}
		else {
			ps.setInt(i, value);
		}
	}

	private static void setBoolean(PreparedStatement ps, int i, Boolean value) throws SQLException {
		if (value == null) {
			ps.setNull(i, Types.BOOLEAN);
		}
		else {
			ps.setBoolean(i, value);
		}
	}

	private static void setDate(PreparedStatement ps, int i, LocalDate value) throws SQLException {
		if (value == null) {
			ps.setNull(i, Types.DATE);
		}
		else {
			ps.setDate(i, Date.valueOf(value));
		}
	}

	private static Integer getInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Boolean getBoolean(ResultSet rs, String column) throws SQLException {
		boolean value = rs.getBoolean(column);
		return rs.wasNull() ? null : value;
	}

	private static LocalDate getDate(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

}
