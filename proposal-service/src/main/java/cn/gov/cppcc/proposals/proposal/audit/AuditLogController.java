package cn.gov.cppcc.proposals.proposal.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * This service's audit log, for department-service to merge (SCOPE_internal) and for
 * auditors.
 */
@RestController
@Validated
class AuditLogController {

	private final JdbcClient jdbc;

	AuditLogController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record AuditEntry(String id, OffsetDateTime occurredAt, String userId, String username, String roles, String unitId,
			String action, String targetType, String targetId, String result, String ip, String userAgent,
			String requestId, String detail, String service) {
	}

	record Page(List<AuditEntry> items, int page, int size, long total) {
	}

	@GetMapping("/api/v1/internal/audit-log")
	Page list(@RequestParam(required = false) @Size(max = 64) String userId,
			@RequestParam(required = false) @Size(max = 128) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(defaultValue = "1") @Min(1) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (userId != null) {
			where.append(" AND user_id = ?");
			params.add(userId);
		}
		if (action != null) {
			where.append(" AND action = ?");
			params.add(action);
		}
		if (from != null) {
			where.append(" AND occurred_at >= ?");
			params.add(Db.ts(from.toInstant()));
		}
		if (to != null) {
			where.append(" AND occurred_at < ?");
			params.add(Db.ts(to.toInstant()));
		}
		long total = this.jdbc.sql("SELECT COUNT(*) FROM audit_log" + where).params(params).query(Long.class).single();
		params.add(size);
		params.add((page - 1) * size);
		List<AuditEntry> items = this.jdbc
			.sql("SELECT * FROM audit_log" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(params)
			.query((rs, n) -> new AuditEntry(rs.getString("id"),
					Db.instant(rs, "occurred_at").atZone(Db.ZONE).toOffsetDateTime(), rs.getString("user_id"),
					rs.getString("username"), rs.getString("roles"), rs.getString("unit_id"), rs.getString("action"),
					rs.getString("target_type"), rs.getString("target_id"), rs.getString("result"), rs.getString("ip"),
					rs.getString("user_agent"), rs.getString("request_id"), rs.getString("detail"), "proposal-service"))
			.list();
		return new Page(items, page, size, total);
	}

}
