package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * How a unit communicated with the proposer before replying (办前沟通).
 */
public enum CommunicationKind {

	MEETING, PHONE, LETTER, VISIT

}
