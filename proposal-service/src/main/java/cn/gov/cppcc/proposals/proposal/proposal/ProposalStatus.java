package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * The statuses of API.md. A proposal under an open objection or extension stays
 * {@code ASSIGNED}.
 */
public enum ProposalStatus {

	DRAFT, SUBMITTED, NOT_FILED, FILED, MERGED, ASSIGNED, REPLIED, REHANDLING, CLOSED, WITHDRAWN

}
