package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * A proposer's rating of a reply (满意 / 基本满意 / 不满意).
 */
public enum Rating {

	SATISFIED, BASICALLY_SATISFIED, UNSATISFIED

}
