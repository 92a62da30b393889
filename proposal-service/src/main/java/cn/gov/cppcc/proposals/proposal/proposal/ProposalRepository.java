package cn.gov.cppcc.proposals.proposal.proposal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.HandlingUnit;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Loads and stores the proposal aggregate (proposal, co-signers, handling units) with
 * optimistic locking on {@code version}: an update whose version no longer matches
 * changes nothing and fails with {@code concurrent-modification}.
 */
@Repository
public class ProposalRepository {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	/**
	 * The co-signers (by member id) and the handling units (by assignment time; lead,
	 * separate, co; unit id) in one statement instead of two; the database still sorts
	 * them, so ids compare in their columns' collation as before.
	 */
	private static final String CHILDREN = """
			SELECT 0 AS child_kind, NULL AS assigned_at, NULL AS role_order, member_id AS child_id, status AS child_code,
			NULL AS unit_name, NULL AS active FROM proposal_co_signer WHERE proposal_id = ?
			UNION ALL
			SELECT 1, assigned_at, FIELD(role, 'LEAD', 'SEPARATE', 'CO'), unit_id, role, unit_name, active
			FROM proposal_unit WHERE proposal_id = ?
			ORDER BY child_kind, assigned_at, role_order, child_id""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ProposalRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<Proposal> find(long id) {
		Optional<Proposal> found = this.jdbc.sql("""
				SELECT p.*, s.term, s.session_no FROM proposal p LEFT JOIN term_session s ON s.id = p.session_id
				WHERE p.id = ?""").param(id).query((rs, n) -> map(rs)).optional();
		found.ifPresent(this::loadChildren);
		return found;
	}

	private void loadChildren(Proposal p) {
		p.coSigners = new LinkedHashMap<>();
		List<HandlingUnit> units = new ArrayList<>();
		this.jdbc.sql(CHILDREN).params(p.id, p.id).query((rs) -> {
			if (rs.getInt("child_kind") == 0) {
				p.coSigners.put(rs.getString("child_id"), CoSignerStatus.valueOf(rs.getString("child_code")));
			}
			else {
				units.add(new HandlingUnit(rs.getString("child_id"), UnitRole.valueOf(rs.getString("child_code")),
						rs.getString("unit_name"), rs.getBoolean("active"), Db.instant(rs, "assigned_at")));
			}
		});
		p.units = units;
		remember(p);
	}

	public void insert(Proposal p) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO proposal (title, content, category, suggestions, author_id, organisation, status,
				created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
			.params(p.title, p.content, p.category, this.json.writeValueAsString(p.suggestions), p.authorId,
					p.organisation, p.status.name(), Db.ts(p.createdAt), Db.ts(p.updatedAt))
			.update(keys, "id");
		p.id = keys.getKey().longValue();
		p.version = 0;
		saveChildren(p);
	}

	/**
	 * Writes the aggregate if nobody changed it since it was read, and bumps its version.
	 */
	public void update(Proposal p, Instant now) {
		int rows = this.jdbc
			.sql("""
					UPDATE proposal SET title = ?, content = ?, category = ?, suggestions = ?, organisation = ?, status = ?,
					session_id = ?,
					serial = ?, number = ?, not_filed_reason = ?, not_filed_note = ?, forwarded_as_opinion = ?,
					forwarding_status = ?, forward_to_unit_id = ?, forward_to_unit_name = ?, forwarding_answered_at = ?,
					merged_into_id = ?, mode = ?, handling_round = ?, co_signature_deadline = ?, objection_deadline = ?,
					co_opinion_deadline = ?, communication_deadline = ?, reply_deadline = ?, hard_deadline = ?, feedback_deadline = ?,
					publication_deadline = ?, publication_level = ?, publication_summary = ?, published_at = ?,
					updated_at = ?, submitted_at = ?, filed_at = ?, assigned_at = ?, replied_at = ?, closed_at = ?,
					key_proposal = ?, key_supervisor = ?, key_leading_leader = ?, key_reason = ?, key_selected_at = ?,
					key_progress_deadline = ?, version = version + 1
					WHERE id = ? AND version = ?""")
			.params(p.title, p.content, p.category, this.json.writeValueAsString(p.suggestions), p.organisation,
					p.status.name(), p.sessionId, p.serial, p.number, name(p.notFiledReason), p.notFiledNote,
					p.forwardedAsOpinion, name(p.forwardingStatus), p.forwardToUnitId, p.forwardToUnitName,
					Db.ts(p.forwardingAnsweredAt), p.mergedIntoId, name(p.mode), p.round, p.coSignatureDeadline,
					p.objectionDeadline, p.coOpinionDeadline, p.communicationDeadline, p.replyDeadline, p.hardDeadline,
					p.feedbackDeadline, p.publicationDeadline, name(p.publicationLevel), p.publicationSummary,
					Db.ts(p.publishedAt), Db.ts(now), Db.ts(p.submittedAt), Db.ts(p.filedAt), Db.ts(p.assignedAt),
					Db.ts(p.repliedAt), Db.ts(p.closedAt), p.keyProposal, p.keySupervisor, p.keyLeadingLeader,
					p.keyReason, Db.ts(p.keySelectedAt), p.keyProgressDeadline, p.id, p.version)
			.update();
		if (rows != 1) {
			throw ApiException.conflict("concurrent-modification");
		}
		p.version++;
		p.updatedAt = now;
		saveChildren(p);
	}

	/**
	 * Writes only the children that changed, row by row on their primary keys: no range
	 * deletes, so concurrent writers of different proposals never meet on gap locks.
	 */
	private void saveChildren(Proposal p) {
		p.coSigners.forEach((member, status) -> {
			CoSignerStatus stored = p.storedCoSigners.get(member);
			if (stored == null) {
				this.jdbc.sql("INSERT INTO proposal_co_signer (proposal_id, member_id, status) VALUES (?, ?, ?)")
					.params(p.id, member, status.name())
					.update();
			}
			else if (stored != status) {
				this.jdbc.sql("UPDATE proposal_co_signer SET status = ? WHERE proposal_id = ? AND member_id = ?")
					.params(status.name(), p.id, member)
					.update();
			}
		});
		for (String member : p.storedCoSigners.keySet()) {
			if (!p.coSigners.containsKey(member)) {
				this.jdbc.sql("DELETE FROM proposal_co_signer WHERE proposal_id = ? AND member_id = ?")
					.params(p.id, member)
					.update();
			}
		}
		Map<String, HandlingUnit> stored = new LinkedHashMap<>();
		p.storedUnits.forEach((u) -> stored.put(u.unitId() + "/" + u.role(), u));
		Map<String, HandlingUnit> current = new LinkedHashMap<>();
		p.units.forEach((u) -> current.put(u.unitId() + "/" + u.role(), u));
		current.forEach((key, unit) -> {
			HandlingUnit before = stored.get(key);
			if (before == null) {
				this.jdbc.sql("""
						INSERT INTO proposal_unit (proposal_id, unit_id, role, unit_name, active, assigned_at)
						VALUES (?, ?, ?, ?, ?, ?)""")
					.params(p.id, unit.unitId(), unit.role().name(), unit.name(), unit.active(),
							Db.ts(unit.assignedAt()))
					.update();
			}
			else if (!before.equals(unit)) {
				this.jdbc.sql("""
						UPDATE proposal_unit SET unit_name = ?, active = ?, assigned_at = ?
						WHERE proposal_id = ? AND unit_id = ? AND role = ?""")
					.params(unit.name(), unit.active(), Db.ts(unit.assignedAt()), p.id, unit.unitId(),
							unit.role().name())
					.update();
			}
		});
		stored.forEach((key, unit) -> {
			if (!current.containsKey(key)) {
				this.jdbc.sql("DELETE FROM proposal_unit WHERE proposal_id = ? AND unit_id = ? AND role = ?")
					.params(p.id, unit.unitId(), unit.role().name())
					.update();
			}
		});
		remember(p);
	}

	private static void remember(Proposal p) {
		p.storedCoSigners = Map.copyOf(p.coSigners);
		p.storedUnits = List.copyOf(p.units);
	}

	public void history(long proposalId, Instant at, String actor, Proposal.Change change) {
		this.jdbc.sql("""
				INSERT INTO proposal_history (proposal_id, occurred_at, actor, action, from_status, to_status, note)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(proposalId, Db.ts(at), actor, change.action(), name(change.from()), change.to().name(),
					truncate(change.note(), 2000))
			.update();
	}

	private Proposal map(ResultSet rs) throws SQLException {
		Proposal p = new Proposal();
		p.id = rs.getLong("id");
		p.title = rs.getString("title");
		p.content = rs.getString("content");
		p.category = rs.getString("category");
		p.suggestions = new ArrayList<>(this.json.readValue(rs.getString("suggestions"), STRINGS));
		p.authorId = rs.getString("author_id");
		p.organisation = rs.getString("organisation");
		p.status = ProposalStatus.valueOf(rs.getString("status"));
		p.keyProposal = rs.getBoolean("key_proposal");
		p.keySupervisor = rs.getString("key_supervisor");
		p.keyLeadingLeader = rs.getString("key_leading_leader");
		p.keyReason = rs.getString("key_reason");
		p.keySelectedAt = Db.instant(rs, "key_selected_at");
		p.keyProgressDeadline = Db.date(rs, "key_progress_deadline");
		p.sessionId = rs.getString("session_id");
		p.term = (Integer) rs.getObject("term");
		p.sessionNo = (Integer) rs.getObject("session_no");
		p.serial = (Integer) rs.getObject("serial");
		p.number = rs.getString("number");
		String reason = rs.getString("not_filed_reason");
		p.notFiledReason = (reason != null) ? NotFiledReason.valueOf(reason) : null;
		p.notFiledNote = rs.getString("not_filed_note");
		p.forwardedAsOpinion = rs.getBoolean("forwarded_as_opinion");
		String forwarding = rs.getString("forwarding_status");
		p.forwardingStatus = (forwarding != null) ? ForwardingStatus.valueOf(forwarding) : null;
		p.forwardToUnitId = rs.getString("forward_to_unit_id");
		p.forwardToUnitName = rs.getString("forward_to_unit_name");
		p.forwardingAnsweredAt = Db.instant(rs, "forwarding_answered_at");
		long merged = rs.getLong("merged_into_id");
		p.mergedIntoId = rs.wasNull() ? null : merged;
		String mode = rs.getString("mode");
		p.mode = (mode != null) ? AssignmentMode.valueOf(mode) : null;
		p.round = rs.getInt("handling_round");
		p.coSignatureDeadline = Db.date(rs, "co_signature_deadline");
		p.objectionDeadline = Db.date(rs, "objection_deadline");
		p.coOpinionDeadline = Db.date(rs, "co_opinion_deadline");
		p.communicationDeadline = Db.date(rs, "communication_deadline");
		p.replyDeadline = Db.date(rs, "reply_deadline");
		p.hardDeadline = Db.date(rs, "hard_deadline");
		p.feedbackDeadline = Db.date(rs, "feedback_deadline");
		p.publicationDeadline = Db.date(rs, "publication_deadline");
		String level = rs.getString("publication_level");
		p.publicationLevel = (level != null) ? PublicationLevel.valueOf(level) : null;
		p.publicationSummary = rs.getString("publication_summary");
		p.publishedAt = Db.instant(rs, "published_at");
		p.createdAt = Db.instant(rs, "created_at");
		p.updatedAt = Db.instant(rs, "updated_at");
		p.submittedAt = Db.instant(rs, "submitted_at");
		p.filedAt = Db.instant(rs, "filed_at");
		p.assignedAt = Db.instant(rs, "assigned_at");
		p.repliedAt = Db.instant(rs, "replied_at");
		p.closedAt = Db.instant(rs, "closed_at");
		p.version = rs.getLong("version");
		return p;
	}

	static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	static String truncate(String text, int max) {
		return (text != null && text.length() > max) ? text.substring(0, max) : text;
	}

}
