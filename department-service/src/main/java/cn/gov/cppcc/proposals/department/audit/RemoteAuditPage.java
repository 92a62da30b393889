package cn.gov.cppcc.proposals.department.audit;

import java.util.List;
import java.util.Map;

/**
 * What another service answers on {@code GET /api/v1/internal/audit-log}: the list shape
 * of API.md with the audit fields of docs/DEVELOPING.md. Read leniently (a map per entry)
 * so that an added field in another service does not break the merged log.
 *
 * @param items entries
 * @param page page
 * @param size size
 * @param total total
 */
record RemoteAuditPage(List<Map<String, Object>> items, Long page, Long size, Long total) {
}
