package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatus;

import cn.gov.cppcc.proposals.common.error.ApiException;

/**
 * The proposal aggregate: it guards its status. Every transition is a method that checks
 * the current status, throws {@code illegal-transition} (409) on an illegal move, and
 * records what happened (a history row and an event) for the application service to
 * persist in the same transaction. Role and unit checks are the application service's.
 */
public class Proposal {

	Long id;

	String title;

	String content;

	String category;

	List<String> suggestions = new ArrayList<>();

	String authorId;

	String organisation;

	ProposalStatus status;

	boolean keyProposal;

	/** Key proposal (重点提案): the committee leader who supervises it (督办领导). */
	String keySupervisor;

	/** Key proposal: the government leader who leads its handling (领办领导), if named. */
	String keyLeadingLeader;

	String keyReason;

	Instant keySelectedAt;

	/** Key proposal: the replying units report their progress by this day. */
	LocalDate keyProgressDeadline;

	String sessionId;

	Integer term;

	Integer sessionNo;

	Integer serial;

	String number;

	NotFiledReason notFiledReason;

	String notFiledNote;

	boolean forwardedAsOpinion;

	/**
	 * Forwarding as an opinion (社情民意) asked for at review: waits for the author's consent
	 * (review, DOMAIN.md); null when none was asked.
	 */
	ForwardingStatus forwardingStatus;

	/** The unit the opinion goes to once the author consents. */
	String forwardToUnitId;

	String forwardToUnitName;

	Instant forwardingAnsweredAt;

	Long mergedIntoId;

	AssignmentMode mode;

	int round = 1;

	LocalDate coSignatureDeadline;

	LocalDate objectionDeadline;

	LocalDate coOpinionDeadline;

	/**
	 * 办前沟通: the replying units meet or call the proposer by this day (set at
	 * (re)assignment).
	 */
	LocalDate communicationDeadline;

	LocalDate replyDeadline;

	LocalDate hardDeadline;

	LocalDate feedbackDeadline;

	LocalDate publicationDeadline;

	PublicationLevel publicationLevel;

	String publicationSummary;

	Instant publishedAt;

	Instant createdAt;

	Instant updatedAt;

	Instant submittedAt;

	Instant filedAt;

	Instant assignedAt;

	Instant repliedAt;

	Instant closedAt;

	long version;

	/** Co-signers (联名) by member id, in invitation order. */
	Map<String, CoSignerStatus> coSigners = new LinkedHashMap<>();

	/** Handling units, active and replaced ones. */
	List<HandlingUnit> units = new ArrayList<>();

	/** Children as last read or written, so the repository writes only what changed. */
	Map<String, CoSignerStatus> storedCoSigners = Map.of();

	List<HandlingUnit> storedUnits = List.of();

	private final List<Change> changes = new ArrayList<>();

	/**
	 * A handling unit of the proposal.
	 *
	 * @param unitId unit id (department-service)
	 * @param role lead, co-handling or separate
	 * @param name unit name at assignment time
	 * @param active false once replaced after an upheld objection
	 * @param assignedAt when
	 */
	public record HandlingUnit(String unitId, UnitRole role, String name, boolean active, Instant assignedAt) {
	}

	/**
	 * What a transition did: a history row and an event of the contract (docs/events.md).
	 *
	 * @param action history action, e.g. {@code submit}
	 * @param from status before
	 * @param to status after
	 * @param note who/why note for the history
	 * @param eventType event type, e.g. {@code proposal.submitted}
	 * @param eventFields the type's own payload fields
	 */
	public record Change(String action, ProposalStatus from, ProposalStatus to, String note, String eventType,
			Map<String, Object> eventFields) {
	}

	Proposal() {
	}

	static Proposal draft(String authorId, String title, String content, String category, List<String> suggestions,
			List<String> coProposerIds, Instant now) {
		return draft(authorId, title, content, category, suggestions, coProposerIds, null, now);
	}

	/**
	 * @param organisation the organisation in whose name it is proposed (党派, 团体, 界别,
	 * 专门委员会; proposers, DOMAIN.md), null for a member's own proposal
	 */
	static Proposal draft(String authorId, String title, String content, String category, List<String> suggestions,
			List<String> coProposerIds, String organisation, Instant now) {
		Proposal p = new Proposal();
		p.authorId = authorId;
		p.status = ProposalStatus.DRAFT;
		p.edit(title, content, category, suggestions, coProposerIds, organisation);
		p.createdAt = now;
		p.updatedAt = now;
		p.record("draft", null, ProposalStatus.DRAFT, null, "proposal.drafted", Map.of());
		return p;
	}

	// --- drafting and submission -------------------------------------------------

	void edit(String title, String content, String category, List<String> suggestions, List<String> coProposerIds) {
		edit(title, content, category, suggestions, coProposerIds, null);
	}

	void edit(String title, String content, String category, List<String> suggestions, List<String> coProposerIds,
			String organisation) {
		require("edit", ProposalStatus.DRAFT);
		this.organisation = organisation;
		this.title = title;
		this.content = content;
		this.category = category;
		this.suggestions = new ArrayList<>(suggestions);
		this.coSigners = new LinkedHashMap<>();
		for (String member : coProposerIds) {
			if (!member.equals(this.authorId)) {
				this.coSigners.put(member, CoSignerStatus.INVITED);
			}
		}
	}

	/**
	 * @param sessionId the current session: statistics count a proposal as received in it
	 */
	void submit(Instant now, LocalDate coSignatureDeadline, String sessionId, Integer term, Integer sessionNo) {
		require("submit", ProposalStatus.DRAFT);
		this.submittedAt = now;
		this.sessionId = sessionId;
		this.term = term;
		this.sessionNo = sessionNo;
		this.coSignatureDeadline = this.coSigners.isEmpty() ? null : coSignatureDeadline;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("invitedCoSignerIds", List.copyOf(this.coSigners.keySet()));
		move("submit", ProposalStatus.SUBMITTED, null, "proposal.submitted", fields);
	}

	/**
	 * An invited co-signer confirms or declines; only while the proposal waits for review
	 * and before the confirmation deadline (联名, DOMAIN.md).
	 */
	void coSignature(String memberId, boolean accept, LocalDate today) {
		require("co-signature", ProposalStatus.SUBMITTED);
		if (this.coSigners.get(memberId) != CoSignerStatus.INVITED) {
			throw illegal("co-signature");
		}
		if (this.coSignatureDeadline != null && today.isAfter(this.coSignatureDeadline)) {
			throw new ApiException(HttpStatus.CONFLICT, "co-signature-expired");
		}
		this.coSigners.put(memberId, accept ? CoSignerStatus.CONFIRMED : CoSignerStatus.DECLINED);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("memberId", memberId);
		if (!accept) {
			fields.put("expired", false);
		}
		record(accept ? "co-signature-confirm" : "co-signature-decline", this.status, this.status, memberId,
				accept ? "proposal.co-signature-confirmed" : "proposal.co-signature-declined", fields);
	}

	/** The confirmation deadline passed: the name is dropped (scheduled). */
	void expireCoSignature(String memberId) {
		if (this.coSigners.get(memberId) != CoSignerStatus.INVITED) {
			throw illegal("co-signature-expire");
		}
		this.coSigners.put(memberId, CoSignerStatus.EXPIRED);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("memberId", memberId);
		fields.put("expired", true);
		record("co-signature-expire", this.status, this.status, memberId, "proposal.co-signature-declined", fields);
	}

	/** The author withdraws, before review only. */
	void withdraw() {
		require("withdraw", ProposalStatus.DRAFT, ProposalStatus.SUBMITTED);
		move("withdraw", ProposalStatus.WITHDRAWN, null, "proposal.withdrawn", Map.of());
	}

	// --- review (立案) -------------------------------------------------------------

	void file(String sessionId, int term, int sessionNo, int serial, String number, String category, Instant now) {
		require("file", ProposalStatus.SUBMITTED);
		this.sessionId = sessionId;
		this.term = term;
		this.sessionNo = sessionNo;
		this.serial = serial;
		this.number = number;
		if (category != null) {
			this.category = category;
		}
		this.filedAt = now;
		dropUnconfirmedCoSigners();
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("number", number);
		fields.put("serial", serial);
		move("file", ProposalStatus.FILED, number, "proposal.filed", fields);
	}

	void notFile(NotFiledReason reason, String note) {
		notFile(reason, note, null);
	}

	/**
	 * Not filed (不予立案), with a reason from the fixed list. The committee may ask to
	 * forward it as an opinion (社情民意) to a unit instead, but only with the proposer's
	 * consent (review, DOMAIN.md): the request is recorded and waits for the author's
	 * answer ({@link #answerForwarding}); nothing is forwarded yet.
	 * @param forwardTo the unit it would be forwarded to, null when no forwarding is
	 * asked
	 */
	void notFile(NotFiledReason reason, String note, ForwardTarget forwardTo) {
		require("not-file", ProposalStatus.SUBMITTED);
		Objects.requireNonNull(reason, "reason");
		this.notFiledReason = reason;
		this.notFiledNote = note;
		this.forwardedAsOpinion = false;
		if (forwardTo != null) {
			this.forwardingStatus = ForwardingStatus.AWAITING_CONSENT;
			this.forwardToUnitId = forwardTo.unitId();
			this.forwardToUnitName = forwardTo.name();
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("reason", reason.name());
		fields.put("note", note);
		fields.put("forwardedAsOpinion", false);
		fields.put("forwardingRequested", forwardTo != null);
		fields.put("forwardToUnitId", this.forwardToUnitId);
		fields.put("forwardToUnitName", this.forwardToUnitName);
		move("not-file", ProposalStatus.NOT_FILED, reason.name() + ((note != null) ? ": " + note : ""),
				"proposal.not-filed", fields);
	}

	/**
	 * The unit a not-filed proposal would be forwarded to as an opinion.
	 *
	 * @param unitId unit id (department-service)
	 * @param name its name when asked
	 */
	public record ForwardTarget(String unitId, String name) {
	}

	/**
	 * The author answers the committee's request to forward the not-filed proposal as an
	 * opinion (社情民意): with consent it is forwarded to the unit, without it nothing is
	 * (review, DOMAIN.md). Once, and only while a request waits: otherwise 409
	 * {@code forwarding-not-awaiting-consent}. The status stays NOT_FILED.
	 */
	void answerForwarding(String memberId, boolean consent, Instant now) {
		if (this.status != ProposalStatus.NOT_FILED || this.forwardingStatus != ForwardingStatus.AWAITING_CONSENT) {
			throw new ApiException(HttpStatus.CONFLICT, "forwarding-not-awaiting-consent");
		}
		if (!this.authorId.equals(memberId)) {
			throw ApiException.forbidden();
		}
		this.forwardingStatus = consent ? ForwardingStatus.FORWARDED : ForwardingStatus.DECLINED;
		this.forwardedAsOpinion = consent;
		this.forwardingAnsweredAt = now;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("memberId", memberId);
		fields.put("toUnitId", this.forwardToUnitId);
		fields.put("toUnitName", this.forwardToUnitName);
		record(consent ? "forwarding-consent" : "forwarding-decline", this.status, this.status,
				(consent ? "同意转送 " : "不同意转送 ") + this.forwardToUnitId,
				consent ? "proposal.forwarded" : "proposal.forwarding-declined", fields);
	}

	/**
	 * Handled together with another filed proposal (并案); each proposer still gets their
	 * own reply through the proposal it was merged into.
	 */
	void mergeInto(Proposal target) {
		require("merge", ProposalStatus.SUBMITTED, ProposalStatus.FILED);
		if (target.id.equals(this.id) || (target.status != ProposalStatus.FILED
				&& target.status != ProposalStatus.ASSIGNED && target.status != ProposalStatus.REHANDLING)) {
			throw new ApiException(HttpStatus.CONFLICT, "merge-target-invalid");
		}
		this.mergedIntoId = target.id;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("intoId", String.valueOf(target.id));
		move("merge", ProposalStatus.MERGED, "→ " + target.id, "proposal.merged", fields);
	}

	// --- assignment (交办), objections, extensions ----------------------------------

	void assign(AssignmentMode mode, List<HandlingUnit> units, Instant now, Deadlines deadlines) {
		require("assign", ProposalStatus.FILED);
		this.mode = mode;
		this.units = new ArrayList<>(units);
		this.assignedAt = now;
		applyDeadlines(deadlines);
		move("assign", ProposalStatus.ASSIGNED, describeUnits(), "proposal.assigned", assignedFields());
	}

	/**
	 * Deadlines set at (re)assignment.
	 *
	 * @param objection objection window
	 * @param coOpinion co-handling opinion
	 * @param reply reply deadline
	 * @param hard hard limit
	 * @param keyProgress progress report of a key proposal (used only when it is one)
	 * @param communication 办前沟通 with the proposer by the replying units
	 */
	public record Deadlines(LocalDate objection, LocalDate coOpinion, LocalDate reply, LocalDate hard,
			LocalDate keyProgress, LocalDate communication) {

		public Deadlines(LocalDate objection, LocalDate coOpinion, LocalDate reply, LocalDate hard) {
			this(objection, coOpinion, reply, hard, null, null);
		}

		public Deadlines(LocalDate objection, LocalDate coOpinion, LocalDate reply, LocalDate hard,
				LocalDate keyProgress) {
			this(objection, coOpinion, reply, hard, keyProgress, null);
		}

	}

	private void applyDeadlines(Deadlines deadlines) {
		this.objectionDeadline = deadlines.objection();
		this.coOpinionDeadline = (this.mode == AssignmentMode.LEAD && !activeUnits(UnitRole.CO).isEmpty())
				? deadlines.coOpinion() : null;
		this.replyDeadline = deadlines.reply();
		this.hardDeadline = deadlines.hard();
		this.communicationDeadline = deadlines.communication();
		if (this.keyProposal && deadlines.keyProgress() != null) {
			this.keyProgressDeadline = deadlines.keyProgress();
		}
	}

	private Map<String, Object> assignedFields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("mode", this.mode.name());
		fields.put("leadUnitId", leadUnitId());
		fields.put("coUnitIds", activeUnits(UnitRole.CO));
		fields.put("separateUnitIds", activeUnits(UnitRole.SEPARATE));
		fields.put("replyDeadline", str(this.replyDeadline));
		fields.put("objectionDeadline", str(this.objectionDeadline));
		fields.put("coOpinionDeadline", str(this.coOpinionDeadline));
		fields.put("communicationDeadline", str(this.communicationDeadline));
		return fields;
	}

	/**
	 * A unit objects (申请调整) within the window; a unit never passes a proposal on by
	 * itself: it stays assigned until the committee decides.
	 */
	void raiseObjection(long objectionId, String unitId, String reason, LocalDate today) {
		require("objection", ProposalStatus.ASSIGNED);
		if (!isActiveUnit(unitId)) {
			throw illegal("objection");
		}
		if (this.objectionDeadline != null && today.isAfter(this.objectionDeadline)) {
			throw new ApiException(HttpStatus.CONFLICT, "objection-window-closed", str(this.objectionDeadline));
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("objectionId", String.valueOf(objectionId));
		fields.put("unitId", unitId);
		fields.put("reason", reason);
		record("objection", this.status, this.status, "unit " + unitId + ": " + reason, "proposal.objection-raised",
				fields);
	}

	/**
	 * The committee upholds an objection: the objecting unit is replaced by the new unit
	 * in the same role, and the deadlines start again from the reassignment.
	 */
	void upholdObjection(long objectionId, String objectingUnitId, HandlingUnit replacement, Instant now,
			Deadlines deadlines, String note) {
		require("objection-decision", ProposalStatus.ASSIGNED);
		UnitRole role = roleOf(objectingUnitId);
		// a co-handling unit may be promoted to lead in place of an objecting lead unit
		boolean promoteCo = role == UnitRole.LEAD && roleOf(replacement.unitId()) == UnitRole.CO;
		if (role == null || (isActiveUnit(replacement.unitId()) && !promoteCo)) {
			throw new ApiException(HttpStatus.CONFLICT, "reassignment-invalid");
		}
		List<HandlingUnit> next = new ArrayList<>();
		for (HandlingUnit unit : this.units) {
			boolean replaced = unit.active() && (unit.unitId().equals(objectingUnitId)
					|| (promoteCo && unit.unitId().equals(replacement.unitId())));
			next.add(replaced ? new HandlingUnit(unit.unitId(), unit.role(), unit.name(), false, unit.assignedAt())
					: unit);
		}
		next.removeIf((u) -> !u.active() && u.unitId().equals(replacement.unitId()) && u.role() == role);
		next.add(new HandlingUnit(replacement.unitId(), role, replacement.name(), true, now));
		this.units = next;
		this.assignedAt = now;
		applyDeadlines(deadlines);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("objectionId", String.valueOf(objectionId));
		fields.put("unitId", objectingUnitId);
		fields.put("upheld", true);
		fields.put("newLeadUnitId", replacement.unitId());
		fields.put("note", note);
		fields.putAll(assignedFields());
		record("objection-upheld", this.status, this.status, "reassigned to " + describeUnits(),
				"proposal.objection-decided", fields);
	}

	void rejectObjection(long objectionId, String objectingUnitId, String note) {
		require("objection-decision", ProposalStatus.ASSIGNED);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("objectionId", String.valueOf(objectionId));
		fields.put("unitId", objectingUnitId);
		fields.put("upheld", false);
		fields.put("newLeadUnitId", null);
		fields.put("note", note);
		record("objection-rejected", this.status, this.status, note, "proposal.objection-decided", fields);
	}

	/**
	 * The lead unit asks for more time before the deadline; never past the hard limit
	 * (reply deadline, DOMAIN.md).
	 */
	void requestExtension(long extensionId, String unitId, LocalDate newDeadline, String reason, LocalDate today) {
		require("extension", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		checkExtension(newDeadline, today);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("extensionId", String.valueOf(extensionId));
		fields.put("unitId", unitId);
		fields.put("newDeadline", str(newDeadline));
		fields.put("reason", reason);
		record("extension-request", this.status, this.status, str(newDeadline) + ": " + reason,
				"proposal.extension-requested", fields);
	}

	private void checkExtension(LocalDate newDeadline, LocalDate today) {
		if (this.replyDeadline != null && today.isAfter(this.replyDeadline)) {
			throw new ApiException(HttpStatus.CONFLICT, "extension-too-late", str(this.replyDeadline));
		}
		if (this.replyDeadline != null && !newDeadline.isAfter(this.replyDeadline)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "extension-not-later", str(this.replyDeadline));
		}
		if (this.hardDeadline != null && newDeadline.isAfter(this.hardDeadline)) {
			throw new ApiException(HttpStatus.CONFLICT, "extension-past-hard-limit", str(this.hardDeadline));
		}
	}

	void decideExtension(long extensionId, boolean approved, LocalDate newDeadline, String note) {
		require("extension-decision", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (approved) {
			if (this.hardDeadline != null && newDeadline.isAfter(this.hardDeadline)) {
				throw new ApiException(HttpStatus.CONFLICT, "extension-past-hard-limit", str(this.hardDeadline));
			}
			this.replyDeadline = newDeadline;
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("extensionId", String.valueOf(extensionId));
		fields.put("approved", approved);
		fields.put("replyDeadline", str(this.replyDeadline));
		fields.put("note", note);
		record(approved ? "extension-approved" : "extension-rejected", this.status, this.status,
				approved ? "→ " + str(newDeadline) : note, "proposal.extension-decided", fields);
	}

	// --- handling ------------------------------------------------------------------

	void recordCommunication(String unitId, CommunicationKind kind, Instant at) {
		require("communication", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (!isActiveUnit(unitId)) {
			throw illegal("communication");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("unitId", unitId);
		fields.put("kind", kind.name());
		fields.put("at", at.toString());
		record("communication", this.status, this.status, kind.name(), "proposal.communication-recorded", fields);
	}

	void submitCoOpinion(String unitId) {
		require("co-opinion", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (!activeUnits(UnitRole.CO).contains(unitId)) {
			throw illegal("co-opinion");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("unitId", unitId);
		record("co-opinion", this.status, this.status, "unit " + unitId, "proposal.co-opinion-submitted", fields);
	}

	/** Units that write a reply: the lead unit, or every unit when SEPARATE. */
	public List<String> replyingUnits() {
		return (this.mode == AssignmentMode.SEPARATE) ? activeUnits(UnitRole.SEPARATE) : activeUnits(UnitRole.LEAD);
	}

	void requireReplyDraftAllowed(String unitId) {
		require("reply-draft", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (!replyingUnits().contains(unitId)) {
			throw illegal("reply-draft");
		}
	}

	/**
	 * The unit leader signs and sends a reply; the proposal is REPLIED once every
	 * replying unit has sent its reply for this round.
	 */
	void replySent(long replyId, String unitId, String resultClass, boolean onTime, boolean allUnitsReplied,
			Instant now, LocalDate feedbackDeadline, LocalDate publicationDeadline, LocalDate followUpDue) {
		require("reply-submit", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (!replyingUnits().contains(unitId)) {
			throw illegal("reply-submit");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("replyId", String.valueOf(replyId));
		fields.put("unitId", unitId);
		fields.put("resultClass", resultClass);
		fields.put("round", this.round);
		fields.put("onTime", onTime);
		fields.put("allUnitsReplied", allUnitsReplied);
		// when the reply promised something (a follow-up class), the day its follow-up
		// answer is due; null when it owes none (statistics count follow-ups from it)
		fields.put("followUpDue", str(followUpDue));
		if (allUnitsReplied) {
			this.repliedAt = now;
			this.feedbackDeadline = feedbackDeadline;
			this.publicationDeadline = publicationDeadline;
			move("reply-submit", ProposalStatus.REPLIED, "unit " + unitId + " class " + resultClass,
					"proposal.reply-submitted", fields);
		}
		else {
			record("reply-submit", this.status, this.status, "unit " + unitId + " class " + resultClass,
					"proposal.reply-submitted", fields);
		}
	}

	/**
	 * @param followUpDue when the new class is a follow-up class, the day the reply's
	 * follow-up answer is due; else {@code null} (the reply owes none any more)
	 */
	void reclassify(long replyId, String from, String to, LocalDate followUpDue) {
		require("reclassify", ProposalStatus.REPLIED, ProposalStatus.CLOSED);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("replyId", String.valueOf(replyId));
		fields.put("from", from);
		fields.put("to", to);
		fields.put("followUpDue", str(followUpDue));
		record("reclassify", this.status, this.status, from + " → " + to, "proposal.reply-reclassified", fields);
	}

	// --- feedback, re-handling, closing ---------------------------------------------

	/** Author and every confirmed co-signer. */
	public List<String> proposerIds() {
		List<String> ids = new ArrayList<>();
		ids.add(this.authorId);
		this.coSigners.forEach((member, s) -> {
			if (s == CoSignerStatus.CONFIRMED) {
				ids.add(member);
			}
		});
		return ids;
	}

	/**
	 * A proposer rates the reply. UNSATISFIED sends it back for re-handling with a new
	 * deadline; once everyone rated with no UNSATISFIED, it is closed (feedback,
	 * DOMAIN.md).
	 * @param ratedMembers members who rated this round, including this one
	 */
	void feedback(String memberId, Rating rating, List<String> ratedMembers, Instant now,
			LocalDate rehandlingDeadline) {
		require("feedback", ProposalStatus.REPLIED);
		if (!proposerIds().contains(memberId)) {
			throw illegal("feedback");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("memberId", memberId);
		fields.put("rating", rating.name());
		fields.put("round", this.round);
		record("feedback", this.status, this.status, memberId + ": " + rating.name(), "proposal.feedback-received",
				fields);
		if (rating == Rating.UNSATISFIED) {
			this.round++;
			this.replyDeadline = rehandlingDeadline;
			if (this.hardDeadline != null && rehandlingDeadline.isAfter(this.hardDeadline)) {
				this.hardDeadline = rehandlingDeadline;
			}
			this.feedbackDeadline = null;
			Map<String, Object> rehandling = new LinkedHashMap<>();
			rehandling.put("replyDeadline", str(rehandlingDeadline));
			rehandling.put("round", this.round);
			move("rehandling", ProposalStatus.REHANDLING, "round " + this.round, "proposal.rehandling-started",
					rehandling);
		}
		else if (ratedMembers.containsAll(proposerIds())) {
			close(now, "all proposers rated");
		}
	}

	/** Closed when the feedback window ends with no UNSATISFIED rating (scheduled). */
	void closeAfterFeedbackWindow(Instant now) {
		require("close", ProposalStatus.REPLIED);
		close(now, "feedback window ended");
	}

	private void close(Instant now, String note) {
		this.closedAt = now;
		move("close", ProposalStatus.CLOSED, note, "proposal.closed", Map.of());
	}

	// --- key proposals (重点提案) ------------------------------------------------------

	/**
	 * The committee selects a filed proposal as a key proposal (重点提案, DOMAIN.md): a
	 * committee leader supervises it, a government leader may lead its handling, and the
	 * replying units report their progress by a deadline (set now when it is already
	 * assigned, else at assignment). Only while it is being handled: FILED, ASSIGNED or
	 * REHANDLING, and not twice.
	 * @param progressDeadline the progress report deadline if handling has started
	 */
	void selectAsKey(String supervisor, String leadingLeader, String reason, Instant now, LocalDate progressDeadline) {
		require("key-proposal-select", ProposalStatus.FILED, ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (this.keyProposal) {
			throw illegal("key-proposal-select");
		}
		this.keyProposal = true;
		this.keySupervisor = supervisor;
		this.keyLeadingLeader = leadingLeader;
		this.keyReason = reason;
		this.keySelectedAt = now;
		this.keyProgressDeadline = (this.status == ProposalStatus.FILED) ? null : progressDeadline;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("supervisor", supervisor);
		fields.put("leadingLeader", leadingLeader);
		fields.put("leadingUnitIds", replyingUnits());
		fields.put("reason", reason);
		fields.put("progressDeadline", str(this.keyProgressDeadline));
		record("key-proposal-select", this.status, this.status, "督办 " + supervisor, "proposal.key-proposal-selected",
				fields);
	}

	/** The committee takes a proposal off the key list, before it is closed. */
	void cancelKey(String reason) {
		require("key-proposal-cancel", ProposalStatus.FILED, ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING,
				ProposalStatus.REPLIED);
		if (!this.keyProposal) {
			throw illegal("key-proposal-cancel");
		}
		this.keyProposal = false;
		this.keyProgressDeadline = null;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("reason", reason);
		record("key-proposal-cancel", this.status, this.status, reason, "proposal.key-proposal-cancelled", fields);
	}

	/**
	 * The committee records a supervision activity (督办) on a key proposal once it is
	 * assigned and until the reply is in.
	 */
	void recordSupervision(long supervisionId, SupervisionKind kind, Instant at) {
		require("supervision", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING, ProposalStatus.REPLIED);
		if (!this.keyProposal) {
			throw illegal("supervision");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("supervisionId", String.valueOf(supervisionId));
		fields.put("kind", kind.name());
		fields.put("at", at.toString());
		record("supervision", this.status, this.status, kind.name(), "proposal.supervision-recorded", fields);
	}

	/** A replying unit reports its progress on a key proposal while handling it. */
	void reportProgress(long reportId, String unitId, boolean onTime) {
		require("progress-report", ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		if (!this.keyProposal || !replyingUnits().contains(unitId)) {
			throw illegal("progress-report");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("reportId", String.valueOf(reportId));
		fields.put("unitId", unitId);
		fields.put("onTime", onTime);
		record("progress-report", this.status, this.status, "unit " + unitId, "proposal.progress-reported", fields);
	}

	// --- follow-up of a B-class reply (DOMAIN.md)
	// ----------------------------------------

	/**
	 * A unit whose sent reply promised something (a follow-up class, B by default)
	 * answers again once it is done. After the reply is in (REPLIED or CLOSED); a
	 * re-handling round supersedes the reply, so not while REHANDLING. Which reply is
	 * owed is the application service's to find.
	 */
	void followUp(long followUpId, long replyId, String unitId, String resultClass, boolean onTime,
			LocalDate followUpDue) {
		require("follow-up", ProposalStatus.REPLIED, ProposalStatus.CLOSED);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("followUpId", String.valueOf(followUpId));
		fields.put("replyId", String.valueOf(replyId));
		fields.put("unitId", unitId);
		fields.put("round", this.round);
		fields.put("resultClass", resultClass);
		fields.put("onTime", onTime);
		// the due date onTime was judged against
		fields.put("followUpDue", str(followUpDue));
		record("follow-up", this.status, this.status, "unit " + unitId + " class " + resultClass,
				"proposal.follow-up-submitted", fields);
	}

	// --- publication (答复公开) --------------------------------------------------------

	void publish(PublicationLevel level, String summary, Instant now) {
		require("publish", ProposalStatus.REPLIED, ProposalStatus.CLOSED);
		if (level == PublicationLevel.SUMMARY && (summary == null || summary.isBlank())) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "publication-summary-required");
		}
		this.publicationLevel = level;
		this.publicationSummary = (level == PublicationLevel.SUMMARY) ? summary : null;
		this.publishedAt = (level == PublicationLevel.NONE) ? null : now;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("level", level.name());
		record("publish", this.status, this.status, level.name(), "proposal.published", fields);
	}

	// --- helpers ---------------------------------------------------------------------

	private void dropUnconfirmedCoSigners() {
		this.coSigners.replaceAll((member, s) -> (s == CoSignerStatus.INVITED) ? CoSignerStatus.EXPIRED : s);
	}

	public String title() {
		return this.title;
	}

	public String content() {
		return this.content;
	}

	/** The term (届) of the proposal's session, null before it is submitted. */
	public Integer term() {
		return this.term;
	}

	/** The session (次) within the term, null before it is submitted. */
	public Integer sessionNo() {
		return this.sessionNo;
	}

	public String leadUnitId() {
		List<String> lead = activeUnits(UnitRole.LEAD);
		return lead.isEmpty() ? null : lead.get(0);
	}

	public List<String> activeUnits(UnitRole role) {
		return this.units.stream().filter((u) -> u.active() && u.role() == role).map(HandlingUnit::unitId).toList();
	}

	public boolean keyProposal() {
		return this.keyProposal;
	}

	public boolean isActiveUnit(String unitId) {
		return unitId != null && this.units.stream().anyMatch((u) -> u.active() && u.unitId().equals(unitId));
	}

	public UnitRole roleOf(String unitId) {
		return this.units.stream()
			.filter((u) -> u.active() && u.unitId().equals(unitId))
			.map(HandlingUnit::role)
			.findFirst()
			.orElse(null);
	}

	private String describeUnits() {
		StringBuilder text = new StringBuilder(String.valueOf(this.mode));
		for (HandlingUnit unit : this.units) {
			if (unit.active()) {
				text.append(' ').append(unit.role()).append(':').append(unit.unitId());
			}
		}
		return text.toString();
	}

	private void require(String action, ProposalStatus... allowed) {
		for (ProposalStatus candidate : allowed) {
			if (this.status == candidate) {
				return;
			}
		}
		throw illegal(action);
	}

	private ApiException illegal(String action) {
		return new ApiException(HttpStatus.CONFLICT, "illegal-transition", action, this.status);
	}

	private void move(String action, ProposalStatus to, String note, String eventType, Map<String, Object> fields) {
		ProposalStatus from = this.status;
		this.status = to;
		record(action, from, to, note, eventType, fields);
	}

	private void record(String action, ProposalStatus from, ProposalStatus to, String note, String eventType,
			Map<String, Object> fields) {
		this.changes.add(new Change(action, from, to, note, eventType, fields));
	}

	private static String str(Object value) {
		return (value != null) ? value.toString() : null;
	}

	public List<Change> changes() {
		return List.copyOf(this.changes);
	}

	void clearChanges() {
		this.changes.clear();
	}

	public Long id() {
		return this.id;
	}

	public ProposalStatus status() {
		return this.status;
	}

	public long version() {
		return this.version;
	}

	public String authorId() {
		return this.authorId;
	}

	public Map<String, CoSignerStatus> coSigners() {
		return Map.copyOf(this.coSigners);
	}

	public int round() {
		return this.round;
	}

	public List<String> suggestions() {
		return List.copyOf(this.suggestions);
	}

}
