package cn.gov.cppcc.proposals.department.audit;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /api/v1/internal/audit-log}, which every writing service exposes
 * (docs/DEVELOPING.md, Audit); one Feign client per service extends it. The auditor's own
 * token is relayed.
 */
interface InternalAuditLogApi {

	@GetMapping("/api/v1/internal/audit-log")
	RemoteAuditPage auditLog(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
			@RequestParam(name = "userId", required = false) String userId,
			@RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to, @RequestParam("page") long page,
			@RequestParam("size") long size);

}
