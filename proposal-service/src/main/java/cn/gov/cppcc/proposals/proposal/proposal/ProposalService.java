package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.FieldProblem;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar;
import cn.gov.cppcc.proposals.proposal.config.ProposalProperties;
import cn.gov.cppcc.proposals.proposal.outbox.Outbox;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.Deadlines;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.HandlingUnit;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.AssignmentRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.CoOpinionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.CommunicationRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.DraftRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ExtensionDecisionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ExtensionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.FeedbackRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ObjectionDecisionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.PublicationRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ReplyRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ReviewRequest;
import cn.gov.cppcc.proposals.proposal.search.SearchIndex;
import cn.gov.cppcc.proposals.proposal.session.SessionNumbering;
import cn.gov.cppcc.proposals.proposal.unit.UnitDirectory;
import cn.gov.cppcc.proposals.proposal.unit.UnitDirectory.CheckedUnit;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * The application service of the proposal life: checks the caller's role and unit, lets
 * the aggregate check the transition, then writes the aggregate (optimistic lock), its
 * history and its events in ONE transaction. Remote checks (the unit directory) happen
 * before the transaction opens.
 */
@Service
public class ProposalService {

	private final ProposalRepository proposals;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate tx;

	private final Outbox outbox;

	private final SessionNumbering numbering;

	private final WorkingCalendar calendar;

	private final UnitDirectory units;

	private final SearchIndex search;

	private final ProposalProperties props;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ProposalService(ProposalRepository proposals, JdbcClient jdbc, JsonMapper json, TransactionTemplate tx,
			Outbox outbox, SessionNumbering numbering, WorkingCalendar calendar, UnitDirectory units,
			SearchIndex search, ProposalProperties props, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.proposals = proposals;
		this.jdbc = jdbc;
		this.json = json;
		this.tx = tx;
		this.outbox = outbox;
		this.numbering = numbering;
		this.calendar = calendar;
		this.units = units;
		this.search = search;
		this.props = props;
		this.clock = clock;
	}

	// --- access --------------------------------------------------------------------

	/**
	 * Who sees a proposal (API.md): members their own and co-signed ones, unit staff
	 * those assigned to their unit (and not-filed ones forwarded to it as opinions with
	 * the author's consent), committee and admin all but others' drafts, a client with
	 * {@code proposals:read} every filed one. Anything else is "not found".
	 */
	public static boolean canSee(Proposal p, CurrentUser user) {
		if (user == null) {
			return false;
		}
		if (p.authorId.equals(user.id())) {
			return true;
		}
		if (p.status == ProposalStatus.DRAFT) {
			return false;
		}
		if (user.hasAnyRole("COMMITTEE", "ADMIN")) {
			return true;
		}
		if (user.hasRole("MEMBER")) {
			CoSignerStatus s = p.coSigners.get(user.id());
			if (s == CoSignerStatus.INVITED || s == CoSignerStatus.CONFIRMED) {
				return true;
			}
		}
		if (user.hasAnyRole("UNIT_HANDLER", "UNIT_LEADER") && p.isActiveUnit(user.unitId())) {
			return true;
		}
		if (isForwardedTo(p, user)) {
			return true;
		}
		return user.hasScope("proposals:read") && p.filedAt != null;
	}

	/**
	 * A not-filed proposal forwarded as an opinion (社情民意) with its author's consent is
	 * read by the staff of the unit it was forwarded to; before consent, or after a
	 * refusal, that unit does not see it.
	 */
	static boolean isForwardedTo(Proposal p, CurrentUser user) {
		return user.hasAnyRole("UNIT_HANDLER", "UNIT_LEADER") && user.unitId() != null
				&& p.forwardingStatus == ForwardingStatus.FORWARDED && user.unitId().equals(p.forwardToUnitId);
	}

	public Proposal get(long id, CurrentUser user) {
		Proposal p = this.proposals.find(id).orElseThrow(ApiException::notFound);
		if (!canSee(p, user)) {
			throw ApiException.notFound();
		}
		return p;
	}

	// --- drafting ------------------------------------------------------------------

	public Proposal create(DraftRequest request, CurrentUser user) {
		requireRole(user, "MEMBER");
		Instant now = now();
		Proposal p = Proposal.draft(user.id(), request.title(), request.content(), request.category(),
				request.suggestions(), request.coProposers(), request.organisation(), now);
		return this.tx.execute((status) -> {
			this.proposals.insert(p);
			writeChanges(p, user.id(), now);
			return p;
		});
	}

	public Proposal edit(long id, Long ifMatch, DraftRequest request, CurrentUser user) {
		return change(id, ifMatch, user, (p) -> {
			requireAuthor(p, user);
			p.edit(request.title(), request.content(), request.category(), request.suggestions(), request.coProposers(),
					request.organisation());
		});
	}

	public Proposal submit(long id, Long ifMatch, CurrentUser user) {
		return change(id, ifMatch, user, (p) -> {
			requireAuthor(p, user);
			SessionNumbering.Number session = this.numbering.current();
			p.submit(now(), today().plusDays(this.props.coSignatureDays()), session.sessionId(), session.term(),
					session.session());
		});
	}

	public Proposal coSignature(long id, Long ifMatch, boolean accept, CurrentUser user) {
		return change(id, ifMatch, user, (p) -> {
			requireRole(user, "MEMBER");
			p.coSignature(user.id(), accept, today());
		});
	}

	public Proposal withdraw(long id, Long ifMatch, CurrentUser user) {
		return change(id, ifMatch, user, (p) -> {
			requireAuthor(p, user);
			p.withdraw();
		});
	}

	// --- review, merge -------------------------------------------------------------

	public Proposal review(long id, Long ifMatch, ReviewRequest request, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		if (request.decision() == ReviewDecision.NOT_FILE && request.reason() == null) {
			throw ApiException.validation(List.of(new FieldProblem("reason", "required for NOT_FILE")));
		}
		boolean forward = request.decision() == ReviewDecision.NOT_FILE
				&& Boolean.TRUE.equals(request.forwardAsOpinion());
		if (forward && request.forwardToUnitId() == null) {
			throw ApiException
				.validation(List.of(new FieldProblem("forwardToUnitId", "required to forward as an opinion")));
		}
		Proposal.ForwardTarget forwardTo = null;
		if (forward) {
			// visibility and state first, so a hopeless request does not call the
			// directory; the unit is checked before the transaction opens
			Proposal current = get(id, user);
			if (current.status != ProposalStatus.SUBMITTED) {
				throw ApiException.conflict("illegal-transition", "not-file", current.status);
			}
			CheckedUnit unit = this.units.check(request.forwardToUnitId());
			forwardTo = new Proposal.ForwardTarget(unit.id(), unit.name());
		}
		Proposal.ForwardTarget target = forwardTo;
		return change(id, ifMatch, user, (p) -> {
			if (request.decision() == ReviewDecision.FILE) {
				if (p.status != ProposalStatus.SUBMITTED) {
					throw ApiException.conflict("illegal-transition", "file", p.status);
				}
				SessionNumbering.Number number = this.numbering.next(p.sessionId);
				p.file(number.sessionId(), number.term(), number.session(), number.serial(), number.number(),
						request.category(), now());
			}
			else {
				p.notFile(request.reason(), request.note(), target);
			}
		});
	}

	/**
	 * The author answers the request to forward the not-filed proposal as an opinion
	 * (社情民意): only the author (a co-signer or the committee: 403), only while a request
	 * waits (409 {@code forwarding-not-awaiting-consent}).
	 */
	public Proposal answerForwarding(long id, Long ifMatch, boolean consent, CurrentUser user) {
		requireRole(user, "MEMBER");
		return change(id, ifMatch, user, (p) -> p.answerForwarding(user.id(), consent, now()));
	}

	public Proposal merge(long id, Long ifMatch, long intoId, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		return change(id, ifMatch, user, (p) -> {
			Proposal target = this.proposals.find(intoId)
				.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "merge-target-invalid"));
			p.mergeInto(target);
		});
	}

	// --- assignment, objections, extensions ------------------------------------------

	public Proposal assign(long id, Long ifMatch, AssignmentRequest request, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		List<String> lead = new ArrayList<>();
		List<String> co = new ArrayList<>();
		if (request.mode() == AssignmentMode.LEAD) {
			if (request.leadUnitId() == null) {
				throw ApiException.validation(List.of(new FieldProblem("leadUnitId", "required for LEAD")));
			}
			lead.add(request.leadUnitId());
			if (request.coUnitIds() != null) {
				request.coUnitIds().stream().filter((u) -> !u.equals(request.leadUnitId())).forEach(co::add);
			}
		}
		else {
			if (request.separateUnitIds() != null && !request.separateUnitIds().isEmpty()) {
				lead.addAll(request.separateUnitIds());
			}
			else {
				if (request.leadUnitId() != null) {
					lead.add(request.leadUnitId());
				}
				if (request.coUnitIds() != null) {
					lead.addAll(request.coUnitIds());
				}
			}
			if (lead.isEmpty()) {
				throw ApiException.validation(List.of(new FieldProblem("separateUnitIds", "at least one unit")));
			}
		}
		// visibility and a cheap state check first, so a hopeless request does not call
		// the directory
		Proposal current = get(id, user);
		if (current.status != ProposalStatus.FILED) {
			throw ApiException.conflict("illegal-transition", "assign", current.status);
		}
		List<String> all = new ArrayList<>(lead);
		all.addAll(co);
		Map<String, CheckedUnit> checked = new LinkedHashMap<>();
		this.units.check(all).forEach((u) -> checked.put(u.id(), u));
		return change(id, ifMatch, user, (p) -> {
			Instant now = now();
			List<HandlingUnit> handling = new ArrayList<>();
			UnitRole mainRole = (request.mode() == AssignmentMode.LEAD) ? UnitRole.LEAD : UnitRole.SEPARATE;
			new java.util.LinkedHashSet<>(lead)
				.forEach((u) -> handling.add(new HandlingUnit(u, mainRole, checked.get(u).name(), true, now)));
			new java.util.LinkedHashSet<>(co)
				.forEach((u) -> handling.add(new HandlingUnit(u, UnitRole.CO, checked.get(u).name(), true, now)));
			p.assign(request.mode(), handling, now, deadlinesFrom(today()));
		});
	}

	Deadlines deadlinesFrom(LocalDate start) {
		LocalDate objection = this.props.objectionWorkingDays()
				? this.calendar.addWorkingDays(start, this.props.objectionDays())
				: this.calendar.addCalendarDays(start, this.props.objectionDays());
		return new Deadlines(objection, this.calendar.addMonths(start, this.props.coOpinionMonths()),
				this.calendar.addMonths(start, this.props.replyMonths()),
				start.plusMonths(this.props.hardLimitMonths()),
				this.calendar.addWorkingDays(start, this.props.keyProgressWorkingDays()),
				this.calendar.addWorkingDays(start, this.props.communicationWorkingDays()));
	}

	public Proposal raiseObjection(long id, Long ifMatch, String reason, CurrentUser user) {
		requireRole(user, "UNIT_HANDLER");
		return change(id, ifMatch, user, (p) -> {
			boolean open = this.jdbc
				.sql("SELECT COUNT(*) FROM objection WHERE proposal_id = ? AND unit_id = ? AND status = 'OPEN'")
				.params(p.id, user.unitId())
				.query(Integer.class)
				.single() > 0;
			if (open) {
				throw ApiException.conflict("objection-already-open");
			}
			long objectionId = insert("""
					INSERT INTO objection (proposal_id, unit_id, reason, status, raised_by, raised_at)
					VALUES (?, ?, ?, 'OPEN', ?, ?)""", p.id, user.unitId(), reason, user.id(), Db.ts(now()));
			p.raiseObjection(objectionId, user.unitId(), reason, today());
		});
	}

	public Proposal decideObjection(long id, long objectionId, Long ifMatch, ObjectionDecisionRequest request,
			CurrentUser user) {
		requireRole(user, "COMMITTEE");
		boolean uphold = request.uphold();
		CheckedUnit replacement = null;
		if (uphold) {
			if (request.newLeadUnitId() == null) {
				throw ApiException.validation(List.of(new FieldProblem("newLeadUnitId", "required to uphold")));
			}
			get(id, user);
			replacement = this.units.check(request.newLeadUnitId());
		}
		CheckedUnit newUnit = replacement;
		return change(id, ifMatch, user, (p) -> {
			String unitId = this.jdbc
				.sql("SELECT unit_id FROM objection WHERE id = ? AND proposal_id = ? AND status = 'OPEN'")
				.params(objectionId, p.id)
				.query(String.class)
				.optional()
				.orElseThrow(() -> ApiException.conflict("objection-not-open"));
			Instant now = now();
			if (uphold) {
				p.upholdObjection(objectionId, unitId,
						new HandlingUnit(newUnit.id(), UnitRole.LEAD, newUnit.name(), true, now), now,
						deadlinesFrom(today()), request.note());
			}
			else {
				p.rejectObjection(objectionId, unitId, request.note());
			}
			this.jdbc.sql("""
					UPDATE objection SET status = ?, decided_by = ?, decided_at = ?, new_lead_unit_id = ?, note = ?
					WHERE id = ?""")
				.params(uphold ? "UPHELD" : "REJECTED", user.id(), Db.ts(now), uphold ? newUnit.id() : null,
						request.note(), objectionId)
				.update();
		});
	}

	public Proposal requestExtension(long id, Long ifMatch, ExtensionRequest request, CurrentUser user) {
		requireRole(user, "UNIT_LEADER");
		return change(id, ifMatch, user, (p) -> {
			// the lead unit asks (or, under SEPARATE, a replying unit)
			if (!p.replyingUnits().contains(user.unitId())) {
				throw ApiException.forbidden();
			}
			boolean pending = this.jdbc
				.sql("SELECT COUNT(*) FROM extension WHERE proposal_id = ? AND status = 'PENDING'")
				.param(p.id)
				.query(Integer.class)
				.single() > 0;
			if (pending) {
				throw ApiException.conflict("extension-already-pending");
			}
			long extensionId = insert(
					"""
							INSERT INTO extension (proposal_id, unit_id, new_deadline, reason, status, requested_by, requested_at)
							VALUES (?, ?, ?, ?, 'PENDING', ?, ?)""",
					p.id, user.unitId(), request.newDeadline(), request.reason(), user.id(), Db.ts(now()));
			p.requestExtension(extensionId, user.unitId(), request.newDeadline(), request.reason(), today());
		});
	}

	public Proposal decideExtension(long id, Long ifMatch, ExtensionDecisionRequest request, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		return change(id, ifMatch, user, (p) -> {
			record Pending(long id, LocalDate newDeadline) {
			}
			Pending pending = this.jdbc
				.sql("SELECT id, new_deadline FROM extension WHERE proposal_id = ? AND status = 'PENDING'")
				.param(p.id)
				.query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2, LocalDate.class)))
				.optional()
				.orElseThrow(() -> ApiException.conflict("extension-not-pending"));
			p.decideExtension(pending.id(), request.approved(), pending.newDeadline(), request.note());
			this.jdbc.sql("UPDATE extension SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?")
				.params(request.approved() ? "APPROVED" : "REJECTED", user.id(), Db.ts(now()), request.note(),
						pending.id())
				.update();
		});
	}

	// --- handling --------------------------------------------------------------------

	public Proposal recordCommunication(long id, Long ifMatch, CommunicationRequest request, CurrentUser user) {
		requireRole(user, "UNIT_HANDLER");
		return change(id, ifMatch, user, (p) -> {
			Instant at = request.at().toInstant();
			p.recordCommunication(user.unitId(), request.kind(), at);
			insert("""
					INSERT INTO communication (proposal_id, unit_id, kind, happened_at, participants, summary,
					recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", p.id, user.unitId(),
					request.kind().name(), Db.ts(at), request.participants(), request.summary(), user.id(),
					Db.ts(now()));
		});
	}

	public Proposal submitCoOpinion(long id, Long ifMatch, CoOpinionRequest request, CurrentUser user) {
		requireRole(user, "UNIT_HANDLER");
		return change(id, ifMatch, user, (p) -> {
			p.submitCoOpinion(user.unitId());
			insert("""
					INSERT INTO co_opinion (proposal_id, unit_id, opinion, submitted_by, submitted_at)
					VALUES (?, ?, ?, ?, ?)""", p.id, user.unitId(), request.opinion(), user.id(), Db.ts(now()));
		});
	}

	/**
	 * Saves the unit's draft reply of the current round (no event: nothing is sent yet).
	 */
	public Proposal saveReplyDraft(long id, Long ifMatch, ReplyRequest request, CurrentUser user) {
		requireRole(user, "UNIT_HANDLER");
		if (!this.props.resultClasses().contains(request.resultClass())) {
			throw ApiException.validation(List
				.of(new FieldProblem("resultClass", "one of " + String.join(", ", this.props.resultClasses()))));
		}
		Set<Integer> seen = new HashSet<>();
		for (ProposalRequests.Section section : request.sections()) {
			if (!seen.add(section.suggestionIndex())) {
				throw ApiException.validation(List.of(new FieldProblem("sections", "duplicate suggestionIndex")));
			}
		}
		return change(id, ifMatch, user, (p) -> {
			p.requireReplyDraftAllowed(user.unitId());
			for (ProposalRequests.Section section : request.sections()) {
				if (section.suggestionIndex() > p.suggestions.size()) {
					throw ApiException.validation(List.of(new FieldProblem("sections",
							"suggestionIndex " + section.suggestionIndex() + " > " + p.suggestions.size())));
				}
			}
			String sections = this.json.writeValueAsString(request.sections());
			// find the draft with a plain read and write it by id: no locking range scans
			Long draftId = this.jdbc.sql("""
					SELECT id FROM reply WHERE proposal_id = ? AND unit_id = ? AND handling_round = ?
					AND status = 'DRAFT'""")
				.params(p.id, user.unitId(), p.round)
				.query(Long.class)
				.optional()
				.orElse(null);
			int updated = 0;
			if (draftId != null) {
				updated = this.jdbc.sql("""
						UPDATE reply SET result_class = ?, body = ?, sections = ?, signer = ?, contact_name = ?,
						contact_phone = ?, drafted_by = ?, updated_at = ? WHERE id = ?""")
					.params(request.resultClass(), request.body(), sections, request.signer(), request.contactName(),
							request.contactPhone(), user.id(), Db.ts(now()), draftId)
					.update();
			}
			if (updated == 0) {
				insert("""
						INSERT INTO reply (proposal_id, unit_id, handling_round, status, result_class, body, sections,
						signer, contact_name, contact_phone, drafted_by, updated_at)
						VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?)""", p.id, user.unitId(), p.round,
						request.resultClass(), request.body(), sections, request.signer(), request.contactName(),
						request.contactPhone(), user.id(), Db.ts(now()));
			}
		});
	}

	/**
	 * The unit leader signs and sends the draft; refused unless every suggestion has its
	 * section (the reply, DOMAIN.md).
	 */
	public Proposal submitReply(long id, Long ifMatch, CurrentUser user) {
		requireRole(user, "UNIT_LEADER");
		return change(id, ifMatch, user, (p) -> {
			if (!p.replyingUnits().contains(user.unitId())) {
				throw ApiException.conflict("illegal-transition", "reply-submit", p.status);
			}
			record Draft(long id, String resultClass, String sections) {
			}
			Draft draft = this.jdbc.sql("""
					SELECT id, result_class, sections FROM reply
					WHERE proposal_id = ? AND unit_id = ? AND handling_round = ? AND status = 'DRAFT'""")
				.params(p.id, user.unitId(), p.round)
				.query((rs, n) -> new Draft(rs.getLong(1), rs.getString(2), rs.getString(3)))
				.optional()
				.orElseThrow(() -> ApiException.conflict("reply-draft-missing"));
			Set<Integer> answered = new HashSet<>();
			for (Map<?, ?> section : this.json.readValue(draft.sections(), Map[].class)) {
				answered.add(((Number) section.get("suggestionIndex")).intValue());
			}
			List<FieldProblem> missing = new ArrayList<>();
			for (int i = 1; i <= p.suggestions.size(); i++) {
				if (!answered.contains(i)) {
					missing.add(new FieldProblem("sections[" + i + "]", "suggestion " + i + " has no answer"));
				}
			}
			if (!missing.isEmpty()) {
				throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "reply-incomplete", missing, Map.of());
			}
			LocalDate today = today();
			boolean onTime = p.replyDeadline == null || !today.isAfter(p.replyDeadline);
			Instant now = now();
			// a reply that promised something owes a follow-up answer (follow-up,
			// DOMAIN.md)
			LocalDate followUpDue = this.props.followUpClasses().contains(draft.resultClass())
					? this.calendar.addMonths(today, this.props.followUpMonths()) : null;
			this.jdbc.sql("""
					UPDATE reply SET status = 'SENT', signed_by = ?, sent_at = ?, reply_date = ?, on_time = ?,
					follow_up_due = ? WHERE id = ?""")
				.params(user.id(), Db.ts(now), today, onTime, followUpDue, draft.id())
				.update();
			List<String> sentUnits = this.jdbc
				.sql("SELECT unit_id FROM reply WHERE proposal_id = ? AND handling_round = ? AND status = 'SENT'")
				.params(p.id, p.round)
				.query(String.class)
				.list();
			boolean all = sentUnits.containsAll(p.replyingUnits());
			p.replySent(draft.id(), user.unitId(), draft.resultClass(), onTime, all, now,
					this.calendar.addWorkingDays(today, this.props.feedbackWorkingDays()),
					this.calendar.addWorkingDays(today, this.props.publicationWorkingDays()), followUpDue);
		});
	}

	/** The committee reviews a sent reply and may change its result class. */
	public Proposal reclassify(long id, Long ifMatch, String resultClass, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		if (!this.props.resultClasses().contains(resultClass)) {
			throw ApiException.validation(List
				.of(new FieldProblem("resultClass", "one of " + String.join(", ", this.props.resultClasses()))));
		}
		return change(id, ifMatch, user, (p) -> {
			record Sent(long id, String resultClass, LocalDate replyDate, LocalDate followUpDue) {
			}
			Sent sent = this.jdbc.sql("""
					SELECT id, result_class, reply_date, follow_up_due FROM reply
					WHERE proposal_id = ? AND status = 'SENT' ORDER BY handling_round DESC, id LIMIT 1""")
				.param(p.id)
				.query((rs, n) -> new Sent(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
						rs.getObject(4, LocalDate.class)))
				.optional()
				.orElseThrow(() -> ApiException.conflict("reply-not-sent"));
			// reclassified into a follow-up class: the follow-up is due from the reply's
			// date
			LocalDate followUpDue = (this.props.followUpClasses().contains(resultClass) && sent.replyDate() != null)
					? this.calendar.addMonths(sent.replyDate(), this.props.followUpMonths()) : null;
			// the due date the reply owes now (an earlier one stays); none out of a
			// follow-up class
			LocalDate owedDue = this.props.followUpClasses().contains(resultClass)
					? ((sent.followUpDue() != null) ? sent.followUpDue() : followUpDue) : null;
			p.reclassify(sent.id(), sent.resultClass(), resultClass, owedDue);
			this.jdbc.sql("UPDATE reply SET result_class = ?, follow_up_due = COALESCE(follow_up_due, ?) WHERE id = ?")
				.params(resultClass, followUpDue, sent.id())
				.update();
		});
	}

	// --- feedback, publication -------------------------------------------------------

	public Proposal feedback(long id, Long ifMatch, FeedbackRequest request, CurrentUser user) {
		requireRole(user, "MEMBER");
		return change(id, ifMatch, user, (p) -> {
			if (p.status == ProposalStatus.REPLIED && p.proposerIds().contains(user.id())) {
				boolean rated = this.jdbc
					.sql("SELECT COUNT(*) FROM feedback WHERE proposal_id = ? AND member_id = ? AND handling_round = ?")
					.params(p.id, user.id(), p.round)
					.query(Integer.class)
					.single() > 0;
				if (rated) {
					throw ApiException.conflict("feedback-already-given");
				}
				if (p.feedbackDeadline != null && today().isAfter(p.feedbackDeadline)) {
					throw ApiException.conflict("feedback-window-closed");
				}
				insert("""
						INSERT INTO feedback (proposal_id, member_id, handling_round, rating, comment, given_at)
						VALUES (?, ?, ?, ?, ?, ?)""", p.id, user.id(), p.round, request.rating().name(),
						request.comment(), Db.ts(now()));
			}
			List<String> ratedMembers = this.jdbc
				.sql("SELECT member_id FROM feedback WHERE proposal_id = ? AND handling_round = ?")
				.params(p.id, p.round)
				.query(String.class)
				.list();
			p.feedback(user.id(), request.rating(), ratedMembers, now(),
					this.calendar.addMonths(today(), this.props.rehandlingMonths()));
		});
	}

	public Proposal publish(long id, Long ifMatch, PublicationRequest request, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		return change(id, ifMatch, user, (p) -> p.publish(request.level(), request.summary(), now()));
	}

	// --- scheduled changes (actor "system") -------------------------------------------

	/** Invited co-signers who did not confirm before the deadline are dropped (联名). */
	public void expireCoSignatures(long id, LocalDate today) {
		systemChange(id, (p) -> {
			if (p.status == ProposalStatus.SUBMITTED && p.coSignatureDeadline != null
					&& today.isAfter(p.coSignatureDeadline)) {
				p.coSigners.entrySet()
					.stream()
					.filter((e) -> e.getValue() == CoSignerStatus.INVITED)
					.map(Map.Entry::getKey)
					.toList()
					.forEach(p::expireCoSignature);
			}
		});
	}

	/**
	 * The feedback window ended with no UNSATISFIED rating: closed (feedback, DOMAIN.md).
	 */
	public void closeAfterFeedbackWindow(long id, LocalDate today) {
		systemChange(id, (p) -> {
			if (p.status == ProposalStatus.REPLIED && p.feedbackDeadline != null && today.isAfter(p.feedbackDeadline)) {
				p.closeAfterFeedbackWindow(now());
			}
		});
	}

	private void systemChange(long id, Consumer<Proposal> action) {
		this.tx.executeWithoutResult((status) -> {
			Proposal p = this.proposals.find(id).orElse(null);
			if (p == null) {
				return;
			}
			action.accept(p);
			if (p.changes().isEmpty()) {
				return;
			}
			Instant now = now();
			this.proposals.update(p, now);
			writeChanges(p, "system", now);
		});
	}

	// --- the transaction around every change -----------------------------------------

	/**
	 * Loads the proposal, checks scope and {@code If-Match}, applies the change, and
	 * writes the aggregate, its history rows and its events in one transaction.
	 */
	Proposal change(long id, Long ifMatch, CurrentUser user, Consumer<Proposal> action) {
		return this.tx.execute((status) -> {
			Proposal p = get(id, user);
			if (ifMatch != null && ifMatch != p.version) {
				throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", p.version);
			}
			action.accept(p);
			Instant now = now();
			this.proposals.update(p, now);
			writeChanges(p, user.id(), now);
			return p;
		});
	}

	/**
	 * The history rows and outbox events of the aggregate's pending changes, in the
	 * current transaction; the search index follows after commit.
	 */
	public void writeChanges(Proposal p, String actor, Instant now) {
		Map<String, Object> snapshot = ProposalSnapshot.of(p);
		for (Proposal.Change change : p.changes()) {
			this.proposals.history(p.id, now, actor, change);
			this.outbox.append(change.eventType(), p.id, p.version, actor, snapshot, change.eventFields(), now);
		}
		p.clearChanges();
		long proposalId = p.id;
		// listeners in other features (the suggestion engine) follow after commit
		this.events.publishEvent(new ProposalChanged(proposalId));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					ProposalService.this.search.index(proposalId);
				}
			});
		}
	}

	private long insert(String sql, Object... params) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(sql).params(params).update(keys, "id");
		return keys.getKey().longValue();
	}

	private static void requireRole(CurrentUser user, String role) {
		if (user == null || !user.hasRole(role)) {
			throw ApiException.forbidden();
		}
	}

	private static void requireAuthor(Proposal p, CurrentUser user) {
		if (!p.authorId.equals(user.id())) {
			throw ApiException.forbidden();
		}
	}

	Instant now() {
		return this.clock.instant();
	}

	LocalDate today() {
		return LocalDate.ofInstant(now(), Db.ZONE);
	}

}
