package cn.gov.cppcc.proposals.notification.audit;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * Writes of this service, audited where they happen (DEVELOPING.md): who, what, on what,
 * with what result, from where.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Append an entry in its own transaction, so that a refused or failed write is
	 * audited even though its own transaction rolls back.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(CurrentUser user, String action, String targetType, String targetId, String result,
			String detail) {
		String ip = null;
		String agent = null;
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			ip = request.getRemoteAddr();
			agent = request.getHeader("User-Agent");
		}
		this.jdbc.sql("""
				INSERT INTO audit_log (occurred_at, user_id, username, roles, unit_id, action, target_type, target_id,
				  result, ip, user_agent, request_id, detail)
				VALUES (:at, :user, :username, :roles, :unit, :action, :targetType, :targetId, :result, :ip, :agent,
				  :requestId, :detail)
				""")
			.param("at", LocalDateTime.now(ZoneOffset.UTC))
			.param("user", (user != null) ? user.id() : null)
			.param("username", (user != null) ? user.username() : null)
			.param("roles", (user != null) ? String.join(",", new TreeSet<>(user.roles())) : null)
			.param("unit", (user != null) ? user.unitId() : null)
			.param("action", action)
			.param("targetType", targetType)
			.param("targetId", targetId)
			.param("result", result)
			.param("ip", ip)
			.param("agent", cut(agent, 300))
			.param("requestId", MDC.get(RequestIds.MDC_KEY))
			.param("detail", cut(detail, 1000))
			.update();
	}

	List<AuditEntry> page(String userId, String username, String action, LocalDateTime from, LocalDateTime to,
			int offset, int limit) {
		return this.jdbc
			.sql("""
					SELECT * FROM audit_log WHERE (:user IS NULL OR user_id = :user) AND (:username IS NULL OR username = :username)
					 AND (:action IS NULL OR action = :action)
					  AND (:from IS NULL OR occurred_at >= :from) AND (:to IS NULL OR occurred_at < :to)
					ORDER BY id DESC LIMIT :limit OFFSET :offset
					""")
			.param("user", userId)
			.param("username", username)
			.param("action", action)
			.param("from", from)
			.param("to", to)
			.param("limit", limit)
			.param("offset", offset)
			.query(AuditEntry.class)
			.list();
	}

	long count(String userId, String username, String action, LocalDateTime from, LocalDateTime to) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_log WHERE (:user IS NULL OR user_id = :user)
				  AND (:username IS NULL OR username = :username) AND (:action IS NULL OR action = :action)
				  AND (:from IS NULL OR occurred_at >= :from) AND (:to IS NULL OR occurred_at < :to)
				""")
			.param("user", userId)
			.param("username", username)
			.param("action", action)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.single();
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	record AuditEntry(long id, LocalDateTime occurredAt, String userId, String username, String roles, String unitId,
			String action, String targetType, String targetId, String result, String ip, String userAgent,
			String requestId, String detail) {
	}

}
