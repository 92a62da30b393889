package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * Why a proposal is not filed (不予立案): the fixed list of DOMAIN.md.
 */
public enum NotFiledReason {

	STATE_SECRET, PERSONAL_MATTER, IN_LITIGATION, ACADEMIC_DEBATE, PRODUCT_PROMOTION, EMPTY_CONTENT, MULTIPLE_MATTERS,
	OTHER

}
