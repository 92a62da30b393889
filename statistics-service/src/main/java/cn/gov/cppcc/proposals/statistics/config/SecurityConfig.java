package cn.gov.cppcc.proposals.statistics.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import cn.gov.cppcc.proposals.common.security.PlatformSecurity;
import cn.gov.cppcc.proposals.common.security.ProblemSecurityHandlers;

/**
 * An explicit rule for every endpoint of this service; anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers handlers) throws Exception {
		PlatformSecurity.apply(http, handlers);
		http.authorizeHttpRequests((auth) -> auth.requestMatchers(PlatformSecurity.OPEN_PATHS)
			.permitAll()
			// the dashboard's static files; its data calls carry the user's token
			.requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/", "/dashboard/**")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/v1/public/statistics")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/v1/statistics/units")
			.hasAnyRole("COMMITTEE", "ADMIN", "UNIT_HANDLER", "UNIT_LEADER")
			.requestMatchers(HttpMethod.GET, "/api/v1/statistics/overview", "/api/v1/statistics/categories",
					"/api/v1/statistics/trend", "/api/v1/statistics/export")
			.hasAnyRole("COMMITTEE", "ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/statistics/rebuild")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/api/v1/statistics/rebuild")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/internal/audit-log")
			.hasAnyAuthority("SCOPE_internal", "ROLE_AUDITOR")
			.anyRequest()
			.denyAll());
		return http.build();
	}

}
