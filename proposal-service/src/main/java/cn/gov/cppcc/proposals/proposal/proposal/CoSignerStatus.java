package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * An invited co-signer (联名) confirms before the deadline or is dropped.
 */
public enum CoSignerStatus {

	INVITED, CONFIRMED, DECLINED, EXPIRED

}
