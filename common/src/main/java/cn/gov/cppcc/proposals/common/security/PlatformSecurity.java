package cn.gov.cppcc.proposals.common.security;

import java.util.ArrayList;
import java.util.Collection;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The part of every service's security that is the same everywhere: stateless bearer
 * tokens, problem+json 401/403, open health and metrics endpoints. Each service then
 * states its own rule for every endpoint and ends with {@code anyRequest().denyAll()}.
 */
public final class PlatformSecurity {

	private PlatformSecurity() {
	}

	public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers handlers) throws Exception {
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.oauth2ResourceServer(
					(rs) -> rs.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
						@Override
						public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
							filter.setAuthenticationFailureHandler(handlers);
							return filter;
						}
					})
						.authenticationEntryPoint(handlers)
						.accessDeniedHandler(handlers)
						.jwt((jwt) -> jwt.jwtAuthenticationConverter(authenticationConverter())));
		return http;
	}

	/**
	 * Roles become {@code ROLE_x}, scopes {@code SCOPE_x}.
	 * @return the converter
	 */
	public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
		return (jwt) -> {
			CurrentUser user = CurrentUser.from(jwt);
			Collection<GrantedAuthority> authorities = new ArrayList<>();
			user.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
			user.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
			return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		};
	}

	/**
	 * Paths every service leaves open: probes, metrics (scraped inside the network) and
	 * the API description.
	 */
	public static final String[] OPEN_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error" };

}
