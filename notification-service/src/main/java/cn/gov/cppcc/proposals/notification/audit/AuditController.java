package cn.gov.cppcc.proposals.notification.audit;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * This service's audit log, merged by department-service's {@code GET /api/v1/audit-log}
 * (SCOPE_internal) and readable by auditors.
 */
@RestController
@Validated
class AuditController {

	private static final ZoneId DISPLAY = ZoneId.of("Asia/Shanghai");

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/internal/audit-log")
	AuditPage list(@RequestParam(required = false) @Size(max = 64) String userId,
			@RequestParam(required = false) @Size(max = 100) String username,
			@RequestParam(required = false) @Size(max = 64) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		LocalDateTime f = utc(from);
		LocalDateTime t = utc(to);
		List<Entry> items = this.audit.page(userId, username, action, f, t, (page - 1) * size, size)
			.stream()
			.map((e) -> new Entry(String.valueOf(e.id()), display(e.occurredAt()), e.userId(), e.username(),
					(e.roles() != null && !e.roles().isEmpty()) ? List.of(e.roles().split(",")) : List.of(), e.unitId(),
					e.action(), e.targetType(), e.targetId(), e.result(), e.ip(), e.userAgent(), e.requestId(),
					e.detail(), "notification-service"))
			.toList();
		return new AuditPage(items, page, size, this.audit.count(userId, username, action, f, t));
	}

	private static LocalDateTime utc(OffsetDateTime time) {
		return (time != null) ? time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : null;
	}

	private static OffsetDateTime display(LocalDateTime utc) {
		return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(DISPLAY).toOffsetDateTime();
	}

	record Entry(String id, OffsetDateTime occurredAt, String userId, String username, List<String> roles,
			String unitId, String action, String targetType, String targetId, String result, String ip,
			String userAgent, String requestId, String detail, String service) {
	}

	record AuditPage(List<Entry> items, int page, int size, long total) {
	}

}
