package cn.gov.cppcc.proposals.department.config;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.common.security.PlatformSecurity;
import cn.gov.cppcc.proposals.common.security.ProblemSecurityHandlers;
import cn.gov.cppcc.proposals.department.audit.AuditLog;

/**
 * An explicit rule for every endpoint of this service (API.md "Identity",
 * "Organisation"); anything not listed is refused. Anonymous callers reach only login,
 * refresh, the token endpoint, the JWKS and the open operations paths. A refused write is
 * audited as DENIED.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	private static final String ADMIN = "ADMIN";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, Problems problems, AuditLog audit) throws Exception {
		PlatformSecurity.apply(http, new AuditingProblemHandlers(problems, audit));
		http.authorizeHttpRequests((auth) -> auth.requestMatchers(PlatformSecurity.OPEN_PATHS)
			.permitAll()
			.requestMatchers("/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			// identity
			.requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh", "/oauth2/token")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/oauth2/jwks", "/.well-known/jwks.json")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/v1/auth/logout")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/api/v1/me")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/api/v1/admin/signing-keys/rotate")
			.hasRole(ADMIN)
			// organisation
			.requestMatchers(HttpMethod.GET, "/api/v1/units", "/api/v1/units/*")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/api/v1/units")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.PUT, "/api/v1/units/*")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.DELETE, "/api/v1/units/*")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.GET, "/api/v1/members")
			.hasAnyRole("COMMITTEE", ADMIN)
			.requestMatchers(HttpMethod.POST, "/api/v1/users")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.GET, "/api/v1/users/*")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.PUT, "/api/v1/users/*")
			.hasRole(ADMIN)
			// audit
			.requestMatchers(HttpMethod.GET, "/api/v1/audit-log")
			.hasRole("AUDITOR")
			// our own services only
			.requestMatchers(HttpMethod.GET, "/api/v1/internal/people")
			.hasAuthority("SCOPE_internal")
			.requestMatchers(HttpMethod.GET, "/api/v1/internal/audit-log")
			.hasAnyAuthority("SCOPE_internal", "ROLE_AUDITOR")
			.anyRequest()
			.denyAll());
		return http.build();
	}

	/**
	 * The platform's problem+json 401/403, and an audit row for every refused write.
	 */
	static class AuditingProblemHandlers extends ProblemSecurityHandlers {

		private final AuditLog audit;

		AuditingProblemHandlers(Problems problems, AuditLog audit) {
			super(problems);
			this.audit = audit;
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response,
				AccessDeniedException accessDeniedException) throws IOException {
			if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
				String path = request.getRequestURI();
				this.audit.record(CurrentUser.current(), "ACCESS_DENIED", "PATH",
						request.getMethod() + " " + ((path.length() > 50) ? path.substring(0, 50) : path),
						AuditLog.Result.DENIED, null);
			}
			super.handle(request, response, accessDeniedException);
		}

	}

}
