package cn.gov.cppcc.proposals.statistics.audit;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * This service's audit trail for department-service's merged audit log (authority
 * {@code SCOPE_internal} or {@code ROLE_AUDITOR}, see SecurityConfig).
 */
@RestController
class AuditLogController {

	private final JdbcTemplate jdbc;

	AuditLogController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Operation(summary = "本服务的审计日志（内部）",
			description = "Audit entries of statistics-service, newest first; filters by user, action and time.")
	@GetMapping("/api/v1/internal/audit-log")
	AuditPage auditLog(@RequestParam(required = false) @Size(max = 64) String userId,
			@RequestParam(required = false) @Size(max = 64) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (userId != null) {
			where.append(" AND user_id = ?");
			args.add(userId);
		}
		if (action != null) {
			where.append(" AND action = ?");
			args.add(action);
		}
		if (from != null) {
			where.append(" AND occurred_at >= ?");
			args.add(Timestamp.from(from.toInstant()));
		}
		if (to != null) {
			where.append(" AND occurred_at < ?");
			args.add(Timestamp.from(to.toInstant()));
		}
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_log" + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) (page - 1) * size);
		List<AuditEntry> items = this.jdbc.query(
				"SELECT * FROM audit_log" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?",
				(rs, n) -> new AuditEntry(rs.getString("id"),
						rs.getTimestamp("occurred_at").toInstant().atOffset(ZoneOffset.UTC), rs.getString("user_id"),
						rs.getString("username"), rs.getString("roles"), rs.getString("unit_id"),
						rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
						rs.getString("result"), rs.getString("ip"), rs.getString("user_agent"),
						rs.getString("request_id"), rs.getString("detail")),
				pageArgs.toArray());
		return new AuditPage(items, page, size, (total != null) ? total : 0L);
	}

	record AuditPage(List<AuditEntry> items, int page, int size, long total) {
	}

	record AuditEntry(String id, OffsetDateTime occurredAt, String userId, String username, String roles, String unitId,
			String action, String targetType, String targetId, String result, String ip, String userAgent,
			String requestId, String detail) {
	}

}
