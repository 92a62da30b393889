package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.FieldProblem;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar;
import cn.gov.cppcc.proposals.proposal.config.ProposalProperties;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.FollowUpRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.KeyProposalRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ProgressReportRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.SupervisionRequest;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Key proposals (重点提案: selected by the committee, supervised by a committee leader,
 * tracked through progress reports) and the follow-up answer a reply of a follow-up class
 * owes (B: being solved or planned — the unit answers again once it is done). Each change
 * goes through {@link ProposalService#change}: scope (others get 404), {@code If-Match},
 * the aggregate's state check, history and outbox event in one transaction.
 */
@Service
public class KeyProposalService {

	private final ProposalService proposals;

	private final JdbcClient jdbc;

	private final WorkingCalendar calendar;

	private final ProposalProperties props;

	KeyProposalService(ProposalService proposals, JdbcClient jdbc, WorkingCalendar calendar, ProposalProperties props) {
		this.proposals = proposals;
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.props = props;
	}

	// --- key proposals ---------------------------------------------------------------

	public Proposal select(long id, Long ifMatch, KeyProposalRequest request, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		return this.proposals.change(id, ifMatch, user,
				(p) -> p.selectAsKey(request.supervisor(), request.leadingLeader(), request.reason(),
						this.proposals.now(),
						this.calendar.addWorkingDays(this.proposals.today(), this.props.keyProgressWorkingDays())));
	}

	public Proposal cancel(long id, Long ifMatch, String reason, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		return this.proposals.change(id, ifMatch, user, (p) -> p.cancelKey(reason));
	}

	public Proposal recordSupervision(long id, Long ifMatch, SupervisionRequest request, CurrentUser user) {
		requireRole(user, "COMMITTEE");
		return this.proposals.change(id, ifMatch, user, (p) -> {
			Instant at = request.at().toInstant();
			long supervisionId = insert("""
					INSERT INTO supervision (proposal_id, kind, happened_at, participants, summary, recorded_by,
					recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", p.id, request.kind().name(), Db.ts(at),
					request.participants(), request.summary(), user.id(), Db.ts(this.proposals.now()));
			// throws (and rolls the row back) unless it is a key proposal being handled
			p.recordSupervision(supervisionId, request.kind(), at);
		});
	}

	public Proposal reportProgress(long id, Long ifMatch, ProgressReportRequest request, CurrentUser user) {
		requireRole(user, "UNIT_HANDLER");
		return this.proposals.change(id, ifMatch, user, (p) -> {
			boolean onTime = p.keyProgressDeadline == null || !this.proposals.today().isAfter(p.keyProgressDeadline);
			long reportId = insert("""
					INSERT INTO progress_report (proposal_id, unit_id, summary, reported_by, reported_at)
					VALUES (?, ?, ?, ?, ?)""", p.id, user.unitId(), request.summary(), user.id(),
					Db.ts(this.proposals.now()));
			p.reportProgress(reportId, user.unitId(), onTime);
		});
	}

	// --- follow-up of a B-class reply ------------------------------------------------

	/**
	 * The unit leader signs and sends the follow-up answer to the unit's sent reply of
	 * the current round; only when that reply is of a follow-up class and not yet
	 * followed up.
	 */
	public Proposal followUp(long id, Long ifMatch, FollowUpRequest request, CurrentUser user) {
		requireRole(user, "UNIT_LEADER");
		if (!this.props.resultClasses().contains(request.resultClass())) {
			throw ApiException.validation(List
				.of(new FieldProblem("resultClass", "one of " + String.join(", ", this.props.resultClasses()))));
		}
		return this.proposals.change(id, ifMatch, user, (p) -> {
			record Sent(long id, String resultClass, LocalDate due) {
			}
			Sent sent = this.jdbc.sql("""
					SELECT id, result_class, follow_up_due FROM reply
					WHERE proposal_id = ? AND unit_id = ? AND handling_round = ? AND status = 'SENT'""")
				.params(p.id, user.unitId(), p.round)
				.query((rs, n) -> new Sent(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
				.optional()
				.orElse(null);
			if (p.status != ProposalStatus.REPLIED && p.status != ProposalStatus.CLOSED) {
				throw ApiException.conflict("illegal-transition", "follow-up", p.status);
			}
			if (sent == null || sent.due() == null || !this.props.followUpClasses().contains(sent.resultClass())) {
				// nothing promised by this unit: no follow-up to give
				throw ApiException.conflict("illegal-transition", "follow-up", p.status);
			}
			boolean given = this.jdbc.sql("SELECT COUNT(*) FROM follow_up WHERE reply_id = ?")
				.param(sent.id())
				.query(Integer.class)
				.single() > 0;
			if (given) {
				throw ApiException.conflict("follow-up-already-given");
			}
			boolean onTime = !this.proposals.today().isAfter(sent.due());
			long followUpId = insert("""
					INSERT INTO follow_up (proposal_id, reply_id, unit_id, result_class, body, signer, contact_name,
					contact_phone, signed_by, sent_at, on_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", p.id,
					sent.id(), user.unitId(), request.resultClass(), request.body(), request.signer(),
					request.contactName(), request.contactPhone(), user.id(), Db.ts(this.proposals.now()), onTime);
			p.followUp(followUpId, sent.id(), user.unitId(), request.resultClass(), onTime, sent.due());
		});
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

}
