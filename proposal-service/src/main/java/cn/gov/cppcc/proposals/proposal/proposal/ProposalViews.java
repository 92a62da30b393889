package cn.gov.cppcc.proposals.proposal.proposal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.config.ProposalProperties;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Builds the answers of the proposal endpoints (records, never entities), showing each
 * caller what they may see: draft replies only to their unit, phone numbers masked except
 * to ADMIN and the unit that wrote them.
 */
@Component
public class ProposalViews {

	private static final TypeReference<List<Map<String, Object>>> SECTIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final ObjectProvider<UnitSuggester> suggester;

	private final ProposalProperties props;

	ProposalViews(JdbcClient jdbc, JsonMapper json, Clock clock, ObjectProvider<UnitSuggester> suggester,
			ProposalProperties props) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.suggester = suggester;
		this.props = props;
	}

	/**
	 * Suggested handling units beside a proposal waiting for review or assignment, for
	 * the committee only; null otherwise.
	 */
	List<SuggestedUnit> suggestedUnits(Proposal p, CurrentUser user) {
		if (user == null || !user.hasRole("COMMITTEE")
				|| (p.status != ProposalStatus.SUBMITTED && p.status != ProposalStatus.FILED)) {
			return null;
		}
		UnitSuggester s = this.suggester.getIfAvailable();
		return (s != null) ? s.suggest(p.title, p.content, 5) : null;
	}

	public record ProposalView(String id, String number, Integer serial, String sessionId, Integer term,
			Integer session, String title, String content, String category, List<String> suggestions, String status,
			boolean keyProposal, String authorId, String organisation, List<String> proposerIds,
			List<CoSignerView> coSigners, Assignment assignment, DeadlinesView deadlines, NotFiled notFiled,
			String mergedIntoId, List<String> mergedProposalIds, int round, boolean overdue, boolean openObjection,
			boolean pendingExtension, List<ObjectionView> objections, List<ExtensionView> extensions,
			List<CommunicationView> communications, List<CoOpinionView> coOpinions, List<ReplyView> replies,
			List<FeedbackView> feedback, Publication publication, OffsetDateTime createdAt, OffsetDateTime submittedAt,
			OffsetDateTime filedAt, OffsetDateTime assignedAt, OffsetDateTime repliedAt, OffsetDateTime closedAt,
			long version, List<SuggestedUnit> suggestedUnits, KeyProposalView key, List<FollowUpView> followUps) {
	}

	/**
	 * A key proposal (重点提案): who supervises and leads it, the units that lead its
	 * handling (the lead unit, or every unit when SEPARATE), its progress deadline, and
	 * the supervision and progress records.
	 */
	public record KeyProposalView(String supervisor, String leadingLeader, List<String> leadingUnitIds, String reason,
			OffsetDateTime selectedAt, LocalDate progressDeadline, List<SupervisionView> supervisions,
			List<ProgressReportView> progressReports) {
	}

	public record SupervisionView(String id, String kind, OffsetDateTime at, String participants, String summary,
			String recordedBy) {
	}

	public record ProgressReportView(String id, String unitId, String summary, OffsetDateTime reportedAt) {
	}

	/** The follow-up answer to a reply of a follow-up class (B). */
	public record FollowUpView(String id, String replyId, String unitId, String resultClass, String body, String signer,
			String contactName, String contactPhone, OffsetDateTime sentAt, boolean onTime) {
	}

	/**
	 * A handling unit suggested for a proposal (issue 8), with the reasons a person can
	 * check.
	 */
	public record SuggestedUnit(String unitId, String unitName, String role, double score, List<String> reasons) {
	}

	/**
	 * Suggests handling units from a proposal's text; implemented by the suggestion
	 * feature (kept as an interface here so the proposal feature does not depend on it).
	 */
	public interface UnitSuggester {

		List<SuggestedUnit> suggest(String title, String content, int limit);

	}

	public record CoSignerView(String memberId, String status) {
	}

	public record UnitView(String unitId, String name, String role, boolean active) {
	}

	public record Assignment(String mode, String leadUnitId, List<String> coUnitIds, List<String> separateUnitIds,
			List<UnitView> units) {
	}

	/**
	 * The deadlines; {@code communication} is the 办前沟通 deadline of the replying units.
	 */
	public record DeadlinesView(LocalDate coSignature, LocalDate objection, LocalDate coOpinion, LocalDate reply,
			LocalDate hard, LocalDate feedback, LocalDate publication, LocalDate keyProgress, LocalDate communication) {
	}

	/**
	 * Why it was not filed; {@code forwardedAsOpinion} is true once forwarded (with the
	 * author's consent), {@code forwarding} the committee's request and its answer.
	 */
	public record NotFiled(String reason, String note, boolean forwardedAsOpinion, Forwarding forwarding) {
	}

	/**
	 * A request to forward a not-filed proposal as an opinion (社情民意).
	 *
	 * @param status AWAITING_CONSENT, FORWARDED or DECLINED
	 * @param toUnitId the unit it goes to with the author's consent
	 * @param toUnitName its name
	 * @param answeredAt when the author answered
	 */
	public record Forwarding(String status, String toUnitId, String toUnitName, OffsetDateTime answeredAt) {
	}

	public record ObjectionView(String id, String unitId, String reason, String status, String newLeadUnitId,
			String note, OffsetDateTime raisedAt, OffsetDateTime decidedAt) {
	}

	public record ExtensionView(String id, String unitId, LocalDate newDeadline, String reason, String status,
			String note, OffsetDateTime requestedAt, OffsetDateTime decidedAt) {
	}

	public record CommunicationView(String id, String unitId, String kind, OffsetDateTime at, String participants,
			String summary) {
	}

	public record CoOpinionView(String id, String unitId, String opinion, OffsetDateTime submittedAt) {
	}

	public record ReplyView(String id, String unitId, int round, String status, String resultClass, String body,
			List<Map<String, Object>> sections, String signer, String contactName, String contactPhone,
			OffsetDateTime sentAt, LocalDate replyDate, Boolean onTime, LocalDate followUpDue) {
	}

	public record FeedbackView(String memberId, int round, String rating, String comment, OffsetDateTime givenAt) {
	}

	public record Publication(String level, String summary, OffsetDateTime publishedAt) {
	}

	/** A row of the proposal list. */
	public record ProposalSummary(String id, String number, String sessionId, String title, String category,
			String status, String authorId, String mode, String leadUnitId, LocalDate replyDeadline, boolean overdue,
			OffsetDateTime submittedAt, long version) {
	}

	// the kinds of child row: the first column of each part of CHILDREN and KEY_CHILDREN

	private static final int OBJECTION = 1;

	private static final int EXTENSION = 2;

	private static final int COMMUNICATION = 3;

	private static final int CO_OPINION = 4;

	private static final int REPLY = 5;

	private static final int FEEDBACK = 6;

	private static final int MERGED = 7;

	private static final int FOLLOW_UP = 8;

	private static final int SUPERVISION = 9;

	private static final int PROGRESS_REPORT = 10;

	/**
	 * Everything shown beside a proposal, in one statement instead of one per table: its
	 * objections, extensions, communications, co-opinions and feedback, the replies and
	 * follow-ups of the proposal that answers it (itself, or the one it was merged into:
	 * 并案), the proposals merged into it, and, for a key proposal, its supervision and
	 * progress reports ({@link #KEY_CHILDREN}). Each row says which kind it is; the
	 * columns of the kinds share positions, NULL where a kind has none. The rows come
	 * unsorted: {@link Children} sorts each kind by the integer keys the separate
	 * statements sorted by.
	 */
	private static final String CHILDREN = """
			SELECT 5 AS child_kind, id, handling_round AS sort_round, NULL AS ref, unit_id AS s1, status AS s2,
			result_class AS s3, body AS s4, sections AS s5, signer AS s6, contact_name AS s7, contact_phone AS s8,
			sent_at AS t1, NULL AS t2, reply_date AS d1, follow_up_due AS d2, on_time AS flag
			FROM reply WHERE proposal_id = ?
			UNION ALL
			SELECT 1, id, NULL, NULL, unit_id, reason, status, new_lead_unit_id, note, NULL, NULL, NULL,
			raised_at, decided_at, NULL, NULL, NULL FROM objection WHERE proposal_id = ?
			UNION ALL
			SELECT 2, id, NULL, NULL, unit_id, reason, status, note, NULL, NULL, NULL, NULL,
			requested_at, decided_at, new_deadline, NULL, NULL FROM extension WHERE proposal_id = ?
			UNION ALL
			SELECT 3, id, NULL, NULL, unit_id, kind, participants, summary, NULL, NULL, NULL, NULL,
			happened_at, NULL, NULL, NULL, NULL FROM communication WHERE proposal_id = ?
			UNION ALL
			SELECT 4, id, NULL, NULL, unit_id, opinion, NULL, NULL, NULL, NULL, NULL, NULL,
			submitted_at, NULL, NULL, NULL, NULL FROM co_opinion WHERE proposal_id = ?
			UNION ALL
			SELECT 6, id, handling_round, NULL, member_id, rating, comment, NULL, NULL, NULL, NULL, NULL,
			given_at, NULL, NULL, NULL, NULL FROM feedback WHERE proposal_id = ?
			UNION ALL
			SELECT 7, id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
			NULL, NULL, NULL, NULL, NULL FROM proposal WHERE merged_into_id = ?
			UNION ALL
			SELECT 8, id, NULL, reply_id, unit_id, result_class, body, signer, contact_name, contact_phone, NULL, NULL,
			sent_at, NULL, NULL, NULL, on_time FROM follow_up WHERE proposal_id = ?""";

	/** A key proposal's supervision and progress reports, after {@link #CHILDREN}. */
	private static final String KEY_CHILDREN = CHILDREN + """

			UNION ALL
			SELECT 9, id, NULL, NULL, kind, participants, summary, recorded_by, NULL, NULL, NULL, NULL,
			happened_at, NULL, NULL, NULL, NULL FROM supervision WHERE proposal_id = ?
			UNION ALL
			SELECT 10, id, NULL, NULL, unit_id, summary, NULL, NULL, NULL, NULL, NULL, NULL,
			reported_at, NULL, NULL, NULL, NULL FROM progress_report WHERE proposal_id = ?""";

	/** A child row as read, with the keys its kind is sorted by. */
	private record Child(int kind, long round, long id, Object view) {
	}

	/** The children of one proposal by kind, each kind in its order. */
	private static final class Children {

		private final Map<Integer, List<Object>> byKind = new java.util.HashMap<>();

		Children(List<Child> rows) {
			List<Child> sorted = new ArrayList<>(rows);
			sorted.sort(
					Comparator.comparingInt(Child::kind).thenComparingLong(Child::round).thenComparingLong(Child::id));
			for (Child row : sorted) {
				if (row.view() != null) {
					this.byKind.computeIfAbsent(row.kind(), (k) -> new ArrayList<>()).add(row.view());
				}
			}
		}

		@SuppressWarnings("unchecked")
		<T> List<T> of(int kind) {
			List<Object> list = this.byKind.get(kind);
			return (list != null) ? (List<T>) List.copyOf(list) : List.of();
		}

	}

	/**
	 * The children shown beside a proposal. A proposal never filed and not merged has
	 * none, so none are read: every row of those tables is written by a transition the
	 * aggregate allows only after assignment (ASSIGNED, REHANDLING, REPLIED or CLOSED:
	 * objections, extensions, communications, co-opinions, replies, feedback, follow-ups,
	 * supervision, progress reports; {@link Proposal}), assignment needs a filed
	 * proposal, and filing sets {@code filed_at}, which nothing clears; a merge target
	 * must be FILED, ASSIGNED or REHANDLING ({@link Proposal#mergeInto}). The demo seeder
	 * and the bench loader write such rows only for filed proposals too.
	 */
	private Children children(Proposal p, long replySource, boolean admin, String myUnit) {
		if (p.filedAt == null && p.mergedIntoId == null) {
			return new Children(List.of());
		}
		long id = p.id;
		List<Object> params = new ArrayList<>(List.of(replySource, id, id, id, id, id, id, replySource));
		if (p.keyProposal) {
			params.add(id);
			params.add(id);
		}
		List<Child> rows = this.jdbc.sql(p.keyProposal ? KEY_CHILDREN : CHILDREN)
			.params(params)
			.query((rs, n) -> child(rs, admin, myUnit))
			.list();
		return new Children(rows);
	}

	private Child child(ResultSet rs, boolean admin, String myUnit) throws SQLException {
		int kind = rs.getInt("child_kind");
		long id = rs.getLong("id");
		String rowId = rs.getString("id");
		Object view = switch (kind) {
			case OBJECTION -> new ObjectionView(rowId, rs.getString("s1"), rs.getString("s2"), rs.getString("s3"),
					rs.getString("s4"), rs.getString("s5"), odt(rs, "t1"), odt(rs, "t2"));
			case EXTENSION -> new ExtensionView(rowId, rs.getString("s1"), rs.getObject("d1", LocalDate.class),
					rs.getString("s2"), rs.getString("s3"), rs.getString("s4"), odt(rs, "t1"), odt(rs, "t2"));
			case COMMUNICATION -> new CommunicationView(rowId, rs.getString("s1"), rs.getString("s2"), odt(rs, "t1"),
					rs.getString("s3"), rs.getString("s4"));
			case CO_OPINION -> new CoOpinionView(rowId, rs.getString("s1"), rs.getString("s2"), odt(rs, "t1"));
			case REPLY -> reply(rs, rowId, admin, myUnit);
			case FEEDBACK -> new FeedbackView(rs.getString("s1"), rs.getInt("sort_round"), rs.getString("s2"),
					rs.getString("s3"), odt(rs, "t1"));
			case MERGED -> rowId;
			case FOLLOW_UP -> followUp(rs, rowId, admin, myUnit);
			case SUPERVISION -> new SupervisionView(rowId, rs.getString("s1"), odt(rs, "t1"), rs.getString("s2"),
					rs.getString("s3"), rs.getString("s4"));
			case PROGRESS_REPORT ->
				new ProgressReportView(rowId, rs.getString("s1"), rs.getString("s2"), odt(rs, "t1"));
			default -> throw new IllegalStateException("kind " + kind);
		};
		return new Child(kind, rs.getLong("sort_round"), id, view);
	}

	/** A reply row; null when it is another unit's draft. */
	private ReplyView reply(ResultSet rs, String rowId, boolean admin, String myUnit) throws SQLException {
		String unit = rs.getString("s1");
		String status = rs.getString("s2");
		boolean sent = "SENT".equals(status);
		boolean ownUnit = unit.equals(myUnit);
		if (!sent && !ownUnit) {
			return null;
		}
		String resultClass = rs.getString("s3");
		String phone = rs.getString("s8");
		boolean flag = rs.getBoolean("flag");
		Boolean onTime = rs.wasNull() ? null : flag;
		return new ReplyView(rowId, unit, rs.getInt("sort_round"), status, resultClass, rs.getString("s4"),
				this.json.readValue(rs.getString("s5"), SECTIONS), rs.getString("s6"), rs.getString("s7"),
				(admin || ownUnit) ? phone : Masking.maskPhone(phone), odt(rs, "t1"),
				rs.getObject("d1", LocalDate.class), onTime,
				this.props.followUpClasses().contains(resultClass) ? rs.getObject("d2", LocalDate.class) : null);
	}

	private FollowUpView followUp(ResultSet rs, String rowId, boolean admin, String myUnit) throws SQLException {
		String unit = rs.getString("s1");
		String phone = rs.getString("s6");
		return new FollowUpView(rowId, rs.getString("ref"), unit, rs.getString("s2"), rs.getString("s3"),
				rs.getString("s4"), rs.getString("s5"),
				(admin || unit.equals(myUnit)) ? phone : Masking.maskPhone(phone), odt(rs, "t1"),
				rs.getBoolean("flag"));
	}

	public ProposalView view(Proposal p, CurrentUser user) {
		long id = p.id;
		boolean admin = user != null && user.hasRole("ADMIN");
		String myUnit = (user != null && user.hasAnyRole("UNIT_HANDLER", "UNIT_LEADER")) ? user.unitId() : null;
		// a merged proposal's proposers read the reply of the proposal it was merged into
		// (并案)
		long replySource = (p.mergedIntoId != null) ? p.mergedIntoId : id;
		Children children = children(p, replySource, admin, myUnit);
		List<ObjectionView> objections = children.of(OBJECTION);
		List<ExtensionView> extensions = children.of(EXTENSION);
		Assignment assignment = (p.mode == null) ? null : new Assignment(p.mode.name(), p.leadUnitId(),
				p.activeUnits(UnitRole.CO), p.activeUnits(UnitRole.SEPARATE),
				p.units.stream().map((u) -> new UnitView(u.unitId(), u.name(), u.role().name(), u.active())).toList());
		return new ProposalView(String.valueOf(id), p.number, p.serial, p.sessionId, p.term, p.sessionNo, p.title,
				p.content, p.category, p.suggestions, p.status.name(), p.keyProposal, p.authorId, p.organisation,
				p.proposerIds(),
				p.coSigners.entrySet().stream().map((e) -> new CoSignerView(e.getKey(), e.getValue().name())).toList(),
				assignment,
				new DeadlinesView(p.coSignatureDeadline, p.objectionDeadline, p.coOpinionDeadline, p.replyDeadline,
						p.hardDeadline, p.feedbackDeadline, p.publicationDeadline, p.keyProgressDeadline,
						p.communicationDeadline),
				(p.notFiledReason != null)
						? new NotFiled(p.notFiledReason.name(), p.notFiledNote, p.forwardedAsOpinion,
								(p.forwardingStatus != null) ? new Forwarding(p.forwardingStatus.name(),
										p.forwardToUnitId, p.forwardToUnitName, odt(p.forwardingAnsweredAt)) : null)
						: null,
				(p.mergedIntoId != null) ? String.valueOf(p.mergedIntoId) : null, children.of(MERGED), p.round,
				overdue(p), objections.stream().anyMatch((o) -> "OPEN".equals(o.status())),
				extensions.stream().anyMatch((e) -> "PENDING".equals(e.status())), objections, extensions,
				children.of(COMMUNICATION), children.of(CO_OPINION), children.of(REPLY), children.of(FEEDBACK),
				(p.publicationLevel != null)
						? new Publication(p.publicationLevel.name(), p.publicationSummary, odt(p.publishedAt)) : null,
				odt(p.createdAt), odt(p.submittedAt), odt(p.filedAt), odt(p.assignedAt), odt(p.repliedAt),
				odt(p.closedAt), p.version, suggestedUnits(p, user), key(p, children), children.of(FOLLOW_UP));
	}

	private KeyProposalView key(Proposal p, Children children) {
		if (!p.keyProposal) {
			return null;
		}
		return new KeyProposalView(p.keySupervisor, p.keyLeadingLeader, p.replyingUnits(), p.keyReason,
				odt(p.keySelectedAt), p.keyProgressDeadline, children.of(SUPERVISION), children.of(PROGRESS_REPORT));
	}

	boolean overdue(Proposal p) {
		return (p.status == ProposalStatus.ASSIGNED || p.status == ProposalStatus.REHANDLING) && p.replyDeadline != null
				&& LocalDate.now(this.clock.withZone(Db.ZONE)).isAfter(p.replyDeadline);
	}

	public record HistoryView(String id, OffsetDateTime at, String actor, String action, String from, String to,
			String note) {
	}

	public List<HistoryView> history(long proposalId) {
		return this.jdbc.sql("SELECT * FROM proposal_history WHERE proposal_id = ? ORDER BY id")
			.param(proposalId)
			.query((rs, n) -> new HistoryView(rs.getString("id"), odt(rs, "occurred_at"), rs.getString("actor"),
					rs.getString("action"), rs.getString("from_status"), rs.getString("to_status"),
					rs.getString("note")))
			.list();
	}

	static OffsetDateTime odt(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		return odt(Db.instant(rs, column));
	}

	static OffsetDateTime odt(java.time.Instant instant) {
		return (instant != null) ? instant.atZone(Db.ZONE).toOffsetDateTime() : null;
	}

}
