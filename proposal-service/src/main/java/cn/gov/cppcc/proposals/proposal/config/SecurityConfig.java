package cn.gov.cppcc.proposals.proposal.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
		http.authorizeHttpRequests(
				(auth) -> auth.requestMatchers(PlatformSecurity.OPEN_PATHS).permitAll().anyRequest().denyAll());
		return http.build();
	}

}
