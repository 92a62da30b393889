package cn.gov.cppcc.proposals.department.audit;

import org.springframework.cloud.openfeign.FeignClient;

/** The audit log of proposal-service, behind a circuit breaker. */
@FeignClient(name = "proposal-service", contextId = "proposalAuditClient")
interface ProposalAuditClient extends InternalAuditLogApi {

}
