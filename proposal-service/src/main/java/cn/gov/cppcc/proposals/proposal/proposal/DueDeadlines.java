package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.proposal.config.ProposalProperties;

/**
 * The open deadlines of a proposal, per unit where a unit owes something: co-signature
 * confirmation, objection window, co-handling opinion, reply, feedback, publication, a
 * key proposal's progress report, the follow-up answer to a B-class reply, the meeting or
 * call with the proposer before replying (办前沟通).
 */
@Component
public class DueDeadlines {

	private final ProposalRepository proposals;

	private final JdbcClient jdbc;

	private final ProposalProperties props;

	DueDeadlines(ProposalRepository proposals, JdbcClient jdbc, ProposalProperties props) {
		this.proposals = proposals;
		this.jdbc = jdbc;
		this.props = props;
	}

	/**
	 * One open deadline.
	 *
	 * @param kind OBJECTION, CO_OPINION, REPLY, FEEDBACK, PUBLICATION, CO_SIGNATURE,
	 * KEY_PROGRESS, FOLLOW_UP or COMMUNICATION
	 * @param unitId the unit that owes it, or empty for the proposal as a whole
	 * @param dueOn the last day
	 */
	public record Due(String kind, String unitId, LocalDate dueOn) {
	}

	/**
	 * A proposal with its open deadlines.
	 *
	 * @param id proposal id
	 * @param version current version
	 * @param snapshot {@code payload.proposal}
	 * @param deadlines open deadlines
	 */
	public record Open(long id, long version, Map<String, Object> snapshot, List<Due> deadlines) {
	}

	public List<Long> candidates() {
		return this.jdbc.sql("""
				SELECT id FROM proposal WHERE status IN ('SUBMITTED', 'ASSIGNED', 'REHANDLING', 'REPLIED')
				OR (status = 'CLOSED' AND publication_level IS NULL AND publication_deadline IS NOT NULL)
				OR (status = 'CLOSED' AND EXISTS (SELECT 1 FROM reply r WHERE r.proposal_id = proposal.id
				    AND r.status = 'SENT' AND r.follow_up_due IS NOT NULL
				    AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.reply_id = r.id)))
				ORDER BY id""").query(Long.class).list();
	}

	public Optional<Open> of(long id) {
		return this.proposals.find(id).map((p) -> new Open(p.id, p.version, ProposalSnapshot.of(p), deadlines(p)));
	}

	private List<Due> deadlines(Proposal p) {
		List<Due> due = new ArrayList<>();
		switch (p.status) {
			case SUBMITTED -> {
				if (p.coSignatureDeadline != null && p.coSigners.containsValue(CoSignerStatus.INVITED)) {
					due.add(new Due("CO_SIGNATURE", "", p.coSignatureDeadline));
				}
			}
			case ASSIGNED, REHANDLING -> {
				if (p.status == ProposalStatus.ASSIGNED && p.objectionDeadline != null) {
					for (Proposal.HandlingUnit unit : p.units) {
						if (unit.active()) {
							due.add(new Due("OBJECTION", unit.unitId(), p.objectionDeadline));
						}
					}
				}
				if (p.coOpinionDeadline != null) {
					List<String> given = this.jdbc.sql("SELECT unit_id FROM co_opinion WHERE proposal_id = ?")
						.param(p.id)
						.query(String.class)
						.list();
					for (String unit : p.activeUnits(UnitRole.CO)) {
						if (!given.contains(unit)) {
							due.add(new Due("CO_OPINION", unit, p.coOpinionDeadline));
						}
					}
				}
				if (p.keyProposal && p.keyProgressDeadline != null) {
					// tracked closely (重点提案): each leading unit reports its progress
					List<String> reported = this.jdbc
						.sql("SELECT DISTINCT unit_id FROM progress_report WHERE proposal_id = ?")
						.param(p.id)
						.query(String.class)
						.list();
					for (String unit : p.replyingUnits()) {
						if (!reported.contains(unit)) {
							due.add(new Due("KEY_PROGRESS", unit, p.keyProgressDeadline));
						}
					}
				}
				if (p.status == ProposalStatus.ASSIGNED && p.communicationDeadline != null) {
					// 办前沟通 (DOMAIN.md): each replying unit meets or calls the proposer
					// before it replies; a recorded communication of the unit satisfies
					// it,
					// and a unit that has already sent its reply owes nothing more
					List<String> done = this.jdbc
						.sql("""
								SELECT unit_id FROM communication WHERE proposal_id = ?
								UNION SELECT unit_id FROM reply WHERE proposal_id = ? AND handling_round = ? AND status = 'SENT'""")
						.params(p.id, p.id, p.round)
						.query(String.class)
						.list();
					for (String unit : p.replyingUnits()) {
						if (!done.contains(unit)) {
							due.add(new Due("COMMUNICATION", unit, p.communicationDeadline));
						}
					}
				}
				if (p.replyDeadline != null) {
					List<String> sent = this.jdbc.sql(
							"SELECT unit_id FROM reply WHERE proposal_id = ? AND handling_round = ? AND status = 'SENT'")
						.params(p.id, p.round)
						.query(String.class)
						.list();
					for (String unit : p.replyingUnits()) {
						if (!sent.contains(unit)) {
							due.add(new Due("REPLY", unit, p.replyDeadline));
						}
					}
				}
			}
			case REPLIED -> {
				if (p.feedbackDeadline != null) {
					due.add(new Due("FEEDBACK", "", p.feedbackDeadline));
				}
			}
			default -> {
			}
		}
		if (p.status == ProposalStatus.REPLIED || p.status == ProposalStatus.CLOSED) {
			// a reply of this round that promised something owes its follow-up
			// (DOMAIN.md)
			this.jdbc
				.sql("""
						SELECT r.unit_id, r.result_class, r.follow_up_due FROM reply r
						WHERE r.proposal_id = ? AND r.handling_round = ? AND r.status = 'SENT' AND r.follow_up_due IS NOT NULL
						AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.reply_id = r.id) ORDER BY r.id""")
				.params(p.id, p.round)
				.query((rs) -> {
					if (this.props.followUpClasses().contains(rs.getString(2))) {
						due.add(new Due("FOLLOW_UP", rs.getString(1), rs.getObject(3, LocalDate.class)));
					}
				});
		}
		if ((p.status == ProposalStatus.REPLIED || p.status == ProposalStatus.CLOSED) && p.publicationLevel == null
				&& p.publicationDeadline != null) {
			due.add(new Due("PUBLICATION", "", p.publicationDeadline));
		}
		return due;
	}

}
