package cn.gov.cppcc.proposals.proposal.audit;

import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Every write (POST, PUT, PATCH, DELETE) that reaches a controller is audited into
 * {@code audit_log} after it completes, with its result: SUCCESS (2xx), DENIED (401/403)
 * or FAILURE (docs/DEVELOPING.md, audit). Requests refused by the security filter before
 * reaching a controller are not seen here.
 */
@Component
class AuditInterceptor implements HandlerInterceptor {

	private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditInterceptor(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
			return;
		}
		try {
			CurrentUser user = CurrentUser.current();
			String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			@SuppressWarnings("unchecked")
			Map<String, String> vars = (Map<String, String>) request
				.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			int status = response.getStatus();
			String result = (status < 400) ? "SUCCESS" : (status == 401 || status == 403) ? "DENIED" : "FAILURE";
			String target = (vars != null) ? vars.get("id") : null;
			String agent = request.getHeader("User-Agent");
			this.jdbc
				.sql("""
						INSERT INTO audit_log (occurred_at, user_id, username, roles, unit_id, action, target_type,
						target_id, result, ip, user_agent, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(Db.ts(this.clock.instant()), (user != null) ? user.id() : null,
						(user != null) ? user.username() : null,
						(user != null) ? String.join(",", new TreeSet<>(user.roles())) : null,
						(user != null) ? user.unitId() : null, method + " " + ((pattern != null) ? pattern : "?"),
						(pattern != null && pattern.startsWith("/api/v1/calendar")) ? "calendar" : "proposal", target,
						result, request.getRemoteAddr(),
						(agent != null && agent.length() > 255) ? agent.substring(0, 255) : agent, MDC.get("requestId"),
						"HTTP " + status)
				.update();
		}
		catch (RuntimeException failure) {
			log.warn("Audit write failed: {}", failure.getClass().getSimpleName());
		}
	}

}
