package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * Published in the transaction that changed a proposal; listeners act after commit
 * ({@code @TransactionalEventListener}) and reload what they need from the database.
 *
 * @param proposalId the proposal that changed
 */
public record ProposalChanged(long proposalId) {
}
