package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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

	public ProposalView view(Proposal p, CurrentUser user) {
		long id = p.id;
		boolean admin = user != null && user.hasRole("ADMIN");
		String myUnit = (user != null && user.hasAnyRole("UNIT_HANDLER", "UNIT_LEADER")) ? user.unitId() : null;
		List<ObjectionView> objections = this.jdbc.sql("SELECT * FROM objection WHERE proposal_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new ObjectionView(rs.getString("id"), rs.getString("unit_id"), rs.getString("reason"),
					rs.getString("status"), rs.getString("new_lead_unit_id"), rs.getString("note"),
					odt(rs, "raised_at"), odt(rs, "decided_at")))
			.list();
		List<ExtensionView> extensions = this.jdbc.sql("SELECT * FROM extension WHERE proposal_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new ExtensionView(rs.getString("id"), rs.getString("unit_id"),
					rs.getObject("new_deadline", LocalDate.class), rs.getString("reason"), rs.getString("status"),
					rs.getString("note"), odt(rs, "requested_at"), odt(rs, "decided_at")))
			.list();
		List<CommunicationView> communications = this.jdbc
			.sql("SELECT * FROM communication WHERE proposal_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new CommunicationView(rs.getString("id"), rs.getString("unit_id"), rs.getString("kind"),
					odt(rs, "happened_at"), rs.getString("participants"), rs.getString("summary")))
			.list();
		List<CoOpinionView> coOpinions = this.jdbc.sql("SELECT * FROM co_opinion WHERE proposal_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new CoOpinionView(rs.getString("id"), rs.getString("unit_id"), rs.getString("opinion"),
					odt(rs, "submitted_at")))
			.list();
		// a merged proposal's proposers read the reply of the proposal it was merged into
		// (并案)
		long replySource = (p.mergedIntoId != null) ? p.mergedIntoId : id;
		List<ReplyView> replies = this.jdbc.sql("SELECT * FROM reply WHERE proposal_id = ? ORDER BY handling_round, id")
			.param(replySource)
			.query((rs, n) -> {
				String unit = rs.getString("unit_id");
				boolean sent = "SENT".equals(rs.getString("status"));
				boolean ownUnit = unit.equals(myUnit);
				if (!sent && !ownUnit) {
					return null;
				}
				String phone = rs.getString("contact_phone");
				return new ReplyView(rs.getString("id"), unit, rs.getInt("handling_round"), rs.getString("status"),
						rs.getString("result_class"), rs.getString("body"),
						this.json.readValue(rs.getString("sections"), SECTIONS), rs.getString("signer"),
						rs.getString("contact_name"), (admin || ownUnit) ? phone : Masking.maskPhone(phone),
						odt(rs, "sent_at"), rs.getObject("reply_date", LocalDate.class),
						(Boolean) rs.getObject("on_time", Boolean.class),
						this.props.followUpClasses().contains(rs.getString("result_class"))
								? rs.getObject("follow_up_due", LocalDate.class) : null);
			})
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.toList();
		List<FeedbackView> feedback = this.jdbc
			.sql("SELECT * FROM feedback WHERE proposal_id = ? ORDER BY handling_round, id")
			.param(id)
			.query((rs, n) -> new FeedbackView(rs.getString("member_id"), rs.getInt("handling_round"),
					rs.getString("rating"), rs.getString("comment"), odt(rs, "given_at")))
			.list();
		List<String> merged = this.jdbc.sql("SELECT id FROM proposal WHERE merged_into_id = ? ORDER BY id")
			.param(id)
			.query(String.class)
			.list();
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
				(p.mergedIntoId != null) ? String.valueOf(p.mergedIntoId) : null, merged, p.round, overdue(p),
				objections.stream().anyMatch((o) -> "OPEN".equals(o.status())),
				extensions.stream().anyMatch((e) -> "PENDING".equals(e.status())), objections, extensions,
				communications, coOpinions, replies, feedback,
				(p.publicationLevel != null)
						? new Publication(p.publicationLevel.name(), p.publicationSummary, odt(p.publishedAt)) : null,
				odt(p.createdAt), odt(p.submittedAt), odt(p.filedAt), odt(p.assignedAt), odt(p.repliedAt),
				odt(p.closedAt), p.version, suggestedUnits(p, user), key(p), followUps(replySource, admin, myUnit));
	}

	KeyProposalView key(Proposal p) {
		if (!p.keyProposal) {
			return null;
		}
		List<SupervisionView> supervisions = this.jdbc
			.sql("SELECT * FROM supervision WHERE proposal_id = ? ORDER BY id")
			.param(p.id)
			.query((rs, n) -> new SupervisionView(rs.getString("id"), rs.getString("kind"), odt(rs, "happened_at"),
					rs.getString("participants"), rs.getString("summary"), rs.getString("recorded_by")))
			.list();
		List<ProgressReportView> reports = this.jdbc
			.sql("SELECT * FROM progress_report WHERE proposal_id = ? ORDER BY id")
			.param(p.id)
			.query((rs, n) -> new ProgressReportView(rs.getString("id"), rs.getString("unit_id"),
					rs.getString("summary"), odt(rs, "reported_at")))
			.list();
		return new KeyProposalView(p.keySupervisor, p.keyLeadingLeader, p.replyingUnits(), p.keyReason,
				odt(p.keySelectedAt), p.keyProgressDeadline, supervisions, reports);
	}

	List<FollowUpView> followUps(long proposalId, boolean admin, String myUnit) {
		return this.jdbc.sql("SELECT * FROM follow_up WHERE proposal_id = ? ORDER BY id")
			.param(proposalId)
			.query((rs, n) -> {
				String unit = rs.getString("unit_id");
				String phone = rs.getString("contact_phone");
				return new FollowUpView(rs.getString("id"), rs.getString("reply_id"), unit,
						rs.getString("result_class"), rs.getString("body"), rs.getString("signer"),
						rs.getString("contact_name"), (admin || unit.equals(myUnit)) ? phone : Masking.maskPhone(phone),
						odt(rs, "sent_at"), rs.getBoolean("on_time"));
			})
			.list();
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
