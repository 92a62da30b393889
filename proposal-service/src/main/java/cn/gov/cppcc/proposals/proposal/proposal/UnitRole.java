package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * The role of a handling unit: lead (主办), co-handling (协办/会办) or separate (分办).
 */
public enum UnitRole {

	LEAD, CO, SEPARATE

}
