package cn.gov.cppcc.proposals.department.audit;

import java.time.OffsetDateTime;

/**
 * Filters of the audit log: who (user id or username), what (action) and when
 * ({@code from} inclusive, {@code to} exclusive).
 *
 * @param userId user id
 * @param username username
 * @param action action code, e.g. {@code UNIT_UPDATE}
 * @param from from
 * @param to to
 */
public record AuditQuery(String userId, String username, String action, OffsetDateTime from, OffsetDateTime to) {
}
