package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * Publication of a reply (答复公开): in full, as a summary, or not at all.
 */
public enum PublicationLevel {

	FULL, SUMMARY, NONE

}
