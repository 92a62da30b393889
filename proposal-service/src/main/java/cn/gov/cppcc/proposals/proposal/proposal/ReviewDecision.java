package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * The committee's review decision (立案 / 不予立案).
 */
public enum ReviewDecision {

	FILE, NOT_FILE

}
