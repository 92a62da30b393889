package cn.gov.cppcc.proposals.notification.config;

import jakarta.servlet.DispatcherType;

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
			// the SSE response's own async/error dispatches were authorized on the
			// request
			.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/v1/notifications", "/api/v1/notifications/stream")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/api/v1/notifications/*/read")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/api/v1/notification-preferences")
			.authenticated()
			.requestMatchers(HttpMethod.PUT, "/api/v1/notification-preferences")
			.authenticated()
			.requestMatchers("/api/v1/webhooks/allowed-hosts", "/api/v1/webhooks/allowed-hosts/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/api/v1/webhooks")
			.hasAnyAuthority("SCOPE_webhooks:manage", "ROLE_ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/webhooks", "/api/v1/webhooks/*", "/api/v1/webhooks/*/deliveries")
			.hasAnyAuthority("SCOPE_webhooks:manage", "ROLE_ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/internal/deliveries")
			.hasAnyAuthority("SCOPE_internal", "ROLE_ADMIN")
			.requestMatchers(HttpMethod.POST, "/api/v1/internal/deliveries/*/retry")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/internal/audit-log")
			.hasAnyAuthority("SCOPE_internal", "ROLE_AUDITOR")
			.anyRequest()
			.denyAll());
		return http.build();
	}

}
