package cn.gov.cppcc.proposals.department.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One audit entry as answered by {@code GET /api/v1/audit-log} and
 * {@code GET /api/v1/internal/audit-log}.
 *
 * @param id id within its source
 * @param source the service that wrote it
 * @param occurredAt when
 * @param userId who (user id or client id)
 * @param username login name
 * @param roles roles at the time
 * @param unitId unit of unit staff
 * @param action what, e.g. {@code UNIT_UPDATE}
 * @param targetType kind of the thing acted on
 * @param targetId id of the thing acted on
 * @param result SUCCESS, FAILURE or DENIED
 * @param ip client address
 * @param userAgent user agent
 * @param requestId request id
 * @param detail short detail (never personal data)
 */
public record AuditEntryView(String id, String source, OffsetDateTime occurredAt, String userId, String username,
		List<String> roles, String unitId, String action, String targetType, String targetId, String result, String ip,
		String userAgent, String requestId, String detail) {
}
