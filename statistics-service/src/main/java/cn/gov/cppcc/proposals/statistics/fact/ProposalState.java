package cn.gov.cppcc.proposals.statistics.fact;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the read model knows about one proposal: its fact row, its handling units, and the
 * latest rating of each proposer. Mutable, changed only by {@link Projector}.
 */
public final class ProposalState {

	final String proposalId;

	String sessionId;

	Integer term;

	Integer sessionNo;

	String number;

	String category;

	int proposerCount;

	String sectors;

	String mode;

	String leadUnitId;

	String coUnitIds;

	String separateUnitIds;

	String status = "DRAFT";

	boolean withdrawn;

	boolean notFiled;

	boolean merged;

	LocalDate submittedOn;

	LocalDate filedOn;

	LocalDate assignedOn;

	LocalDate repliedOn;

	LocalDate closedOn;

	LocalDate replyDeadline;

	boolean awaitingReply;

	Boolean onTime;

	Integer daysToReply;

	String resultClass;

	String classReplyId;

	int satisfied;

	int basically;

	int unsatisfied;

	int communications;

	int meetings;

	int rehandled;

	boolean keyProposal;

	boolean published;

	/**
	 * The follow-up (跟踪答复) of the reply that gives the proposal its class, copied from
	 * that reply's unit after every event: whether it owes one (replied, and that reply
	 * is of a follow-up class), when it is due, and the answer's class and punctuality
	 * once given.
	 */
	boolean followUpOwed;

	LocalDate followUpDue;

	String followUpClass;

	Boolean followUpOnTime;

	long lastPosition;

	/** Whether it was read from the read model (a new one contributes nothing yet). */
	boolean stored;

	/** Proposer id → "round:RATING", the latest rating of each proposer. */
	final Map<String, String> ratings = new LinkedHashMap<>();

	/** Unit id → its assignment, in assignment order. */
	final Map<String, UnitRow> units = new LinkedHashMap<>();

	ProposalState(String proposalId) {
		this.proposalId = proposalId;
	}

	public static ProposalState create(String proposalId) {
		return new ProposalState(proposalId);
	}

	public String proposalId() {
		return this.proposalId;
	}

	/**
	 * One handling unit of the proposal. {@code owesReply}: LEAD and SEPARATE units
	 * reply; CO units give their opinion to the lead unit (DOMAIN.md, Assignment).
	 */
	static final class UnitRow {

		final String unitId;

		String role;

		LocalDate assignedOn;

		LocalDate replyDeadline;

		boolean awaitingReply;

		LocalDate repliedOn;

		Boolean onTime;

		Integer daysToReply;

		String resultClass;

		String replyId;

		boolean opinionGiven;

		int meetings;

		/**
		 * The unit's current reply promised something (a follow-up class, B) and owes a
		 * follow-up answer (DOMAIN.md, Follow-up); a re-handling round supersedes it.
		 */
		boolean followUpOwed;

		/** When that answer is due ({@code null} when the events did not say). */
		LocalDate followUpDue;

		/** The result class in the follow-up answer, once given. */
		String followUpClass;

		/** Whether the follow-up answer came by its due date, once given. */
		Boolean followUpOnTime;

		UnitRow(String unitId, String role) {
			this.unitId = unitId;
			this.role = role;
		}

		boolean owesReply() {
			return !"CO".equals(this.role);
		}

	}

}
