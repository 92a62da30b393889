package cn.gov.cppcc.proposals.statistics.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * Writes this service's audit trail (DEVELOPING.md, Audit): who did what, from where,
 * with what result. Append-only: the application never updates or deletes a row.
 */
@Service
public class AuditLog {

	private final JdbcTemplate jdbc;

	AuditLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(CurrentUser user, String action, String targetType, String targetId, String result,
			String detail) {
		String ip = null;
		String userAgent = null;
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			ip = request.getRemoteAddr();
			userAgent = truncate(request.getHeader("User-Agent"), 512);
		}
		this.jdbc.update(
				"INSERT INTO audit_log (occurred_at, user_id, username, roles, unit_id, action, target_type, target_id, "
						+ "result, ip, user_agent, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				Timestamp.from(Instant.now()), (user != null) ? user.id() : null,
				(user != null) ? user.username() : null,
				(user != null) ? String.join(",", new TreeSet<>(user.roles())) : null,
				(user != null) ? user.unitId() : null, action, targetType, targetId, result, ip, userAgent,
				MDC.get(RequestIds.MDC_KEY), truncate(detail, 2048));
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
