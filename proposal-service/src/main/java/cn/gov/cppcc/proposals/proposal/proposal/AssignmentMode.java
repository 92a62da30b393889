package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * Assignment (交办): one lead unit with co-handling units, or several units each replying
 * (分办).
 */
public enum AssignmentMode {

	LEAD, SEPARATE

}
