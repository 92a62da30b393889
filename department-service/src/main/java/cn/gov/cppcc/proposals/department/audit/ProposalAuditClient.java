package cn.gov.cppcc.proposals.department.audit;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log of proposal-service (its {@code GET /api/v1/internal/audit-log}), behind
 * a circuit breaker. The auditor's own token is relayed.
 */
@FeignClient(name = "proposal-service", contextId = "proposalAuditClient")
interface ProposalAuditClient {

	@GetMapping("/api/v1/internal/audit-log")
	RemoteAuditPage auditLog(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
			@RequestParam(name = "userId", required = false) String userId,
			@RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to, @RequestParam("page") long page,
			@RequestParam("size") long size);

}
