package cn.gov.cppcc.proposals.department.audit;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.department.support.PageView;

/**
 * The audit log: {@code GET /api/v1/audit-log} (AUDITOR only; merged across services) and
 * {@code GET /api/v1/internal/audit-log} (this service's own rows, for the platform).
 * Roles are enforced in the security configuration.
 */
@RestController
class AuditController {

	private final AuditQueries queries;

	AuditController(AuditQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/api/v1/audit-log")
	MergedAuditPage auditLog(@RequestParam(required = false) @Size(max = 64) String userId,
			@RequestParam(name = "user", required = false) @Size(max = 64) String username,
			@RequestParam(required = false) @Size(max = 64) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(defaultValue = "1") @Min(1) long page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) long size,
			@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
		return this.queries.merged(new AuditQuery(userId, username, action, from, to), page, size, authorization);
	}

	@GetMapping("/api/v1/internal/audit-log")
	PageView<AuditEntryView> internalAuditLog(@RequestParam(required = false) @Size(max = 64) String userId,
			@RequestParam(required = false) @Size(max = 64) String username,
			@RequestParam(required = false) @Size(max = 64) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(defaultValue = "1") @Min(1) long page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) long size) {
		return this.queries.own(new AuditQuery(userId, username, action, from, to), page, size);
	}

}
