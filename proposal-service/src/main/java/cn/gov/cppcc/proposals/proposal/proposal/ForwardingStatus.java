package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * A not-filed proposal's forwarding as an opinion (社情民意), which needs the proposer's
 * consent (review, DOMAIN.md).
 */
public enum ForwardingStatus {

	/** The committee asked; the author has not answered. */
	AWAITING_CONSENT,

	/** The author agreed: forwarded to the unit. */
	FORWARDED,

	/** The author did not agree: not forwarded. */
	DECLINED

}
