package cn.gov.cppcc.proposals.proposal.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import cn.gov.cppcc.proposals.common.security.PlatformSecurity;
import cn.gov.cppcc.proposals.common.security.ProblemSecurityHandlers;

/**
 * An explicit rule for every endpoint of this service (API.md); anything not listed is
 * refused. Finer checks (the author, the assigned unit, the lead unit) are made by the
 * application service and answer 403 or 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	private static final String PROPOSAL = "/api/v1/proposals/{id}";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers handlers) throws Exception {
		PlatformSecurity.apply(http, handlers);
		http.authorizeHttpRequests((auth) -> auth.requestMatchers(PlatformSecurity.OPEN_PATHS)
			.permitAll()
			// public: published replies
			.requestMatchers(HttpMethod.GET, "/api/v1/public/replies", "/api/v1/public/replies/{id}")
			.permitAll()
			// reads, scoped by role in the service
			.requestMatchers(HttpMethod.GET, "/api/v1/proposals", PROPOSAL, PROPOSAL + "/history")
			.hasAnyAuthority("ROLE_MEMBER", "ROLE_COMMITTEE", "ROLE_UNIT_HANDLER", "ROLE_UNIT_LEADER", "ROLE_ADMIN",
					"SCOPE_proposals:read")
			// members
			.requestMatchers(HttpMethod.POST, "/api/v1/proposals")
			.hasRole("MEMBER")
			.requestMatchers(HttpMethod.PUT, PROPOSAL)
			.hasRole("MEMBER")
			.requestMatchers(HttpMethod.POST, PROPOSAL + "/submit", PROPOSAL + "/co-signature", PROPOSAL + "/withdraw",
					PROPOSAL + "/feedback", PROPOSAL + "/forwarding-consent")
			.hasRole("MEMBER")
			// committee
			.requestMatchers(HttpMethod.POST, PROPOSAL + "/review", PROPOSAL + "/merge", PROPOSAL + "/assignment",
					PROPOSAL + "/objections/{objectionId}/decision", PROPOSAL + "/extension/decision",
					PROPOSAL + "/publication", PROPOSAL + "/reply/classification")
			.hasRole("COMMITTEE")
			// key proposals (重点提案): selection and supervision by the committee
			.requestMatchers(HttpMethod.POST, PROPOSAL + "/key-proposal", PROPOSAL + "/key-proposal/cancellation",
					PROPOSAL + "/supervisions")
			.hasRole("COMMITTEE")
			// issue 8: assignment suggestions and similar proposals, for the committee
			.requestMatchers(HttpMethod.POST, "/api/v1/assignment-suggestions")
			.hasRole("COMMITTEE")
			.requestMatchers(HttpMethod.GET, PROPOSAL + "/similar")
			.hasRole("COMMITTEE")
			// handling units
			.requestMatchers(HttpMethod.POST, PROPOSAL + "/objections", PROPOSAL + "/communications",
					PROPOSAL + "/co-opinions", PROPOSAL + "/progress-reports")
			.hasRole("UNIT_HANDLER")
			.requestMatchers(HttpMethod.PUT, PROPOSAL + "/reply")
			.hasRole("UNIT_HANDLER")
			.requestMatchers(HttpMethod.POST, PROPOSAL + "/extension", PROPOSAL + "/reply/submit",
					PROPOSAL + "/follow-ups")
			.hasRole("UNIT_LEADER")
			// the event feed for integrating systems and our own services
			.requestMatchers(HttpMethod.GET, "/api/v1/events")
			.hasAuthority("SCOPE_events:read")
			// the working-day calendar
			.requestMatchers(HttpMethod.GET, "/api/v1/calendar/{year}")
			.authenticated()
			.requestMatchers(HttpMethod.PUT, "/api/v1/calendar/{year}")
			.hasRole("ADMIN")
			// audit log, merged by department-service
			.requestMatchers(HttpMethod.GET, "/api/v1/internal/audit-log")
			.hasAnyAuthority("SCOPE_internal", "ROLE_AUDITOR")
			.anyRequest()
			.denyAll());
		return http.build();
	}

}
