package cn.gov.cppcc.proposals.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;
import cn.gov.cppcc.proposals.common.security.TokenClaims;
import cn.gov.cppcc.proposals.gateway.config.GatewayProperties;
import cn.gov.cppcc.proposals.gateway.web.ProblemResponses;

/**
 * Every token is verified before routing: RS256 signature against department-service's
 * JWKS (found through discovery, cached, see {@link CachedJwkSource}), issuer, audience
 * and expiry; a token already verified is served from a short cache until its expiry
 * ({@link CachingJwtDecoder}). Only the paths listed here are anonymous; role checks are
 * the services' job (they verify the token again). 401 and 403 are problem+json; CORS for
 * the portal's origins; security headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class SecurityConfig {

	/** Paths anyone may call with any method. */
	static final String[] ANONYMOUS = { "/api/v1/public/**", "/dashboard/**", "/swagger-ui.html", "/swagger-ui/**",
			"/webjars/swagger-ui/**", "/v3/api-docs/**", "/v3/api-docs-gateway/**", "/actuator/health",
			"/actuator/health/**", "/actuator/info", "/actuator/prometheus" };

	/**
	 * A request Spring Security's firewall refuses (encoded slashes or dots, {@code %00},
	 * other malicious paths) is a 400 problem like any other bad input; the default
	 * answer was a bare 400 without a body (BadInputDrill).
	 */
	@Bean
	org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler problemExchangeRejectedHandler(
			ProblemResponses problems) {
		return (exchange, ex) -> problems.write(exchange, org.springframework.http.HttpStatus.BAD_REQUEST,
				"malformed-request");
	}

	/**
	 * Spring Security's strict firewall, without its new wrappers on every access (see
	 * {@link OnceWrappedFirewall}).
	 */
	@Bean
	ServerWebExchangeFirewall firewall() {
		return new OnceWrappedFirewall();
	}

	/**
	 * Spring Security's own observations are off
	 * ({@code management.observations.enable.spring.security=false}), but with an
	 * observation registry present it still wrapped every filter of its chain in an
	 * observing decorator, on every request; this setting removes the decorators.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			ProblemResponses problems, GatewayProperties properties) {
		ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(problems);
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(
					org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
			// CORS is ProblemCorsFilter, before this chain
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.headers((headers) -> headers.frameOptions((frame) -> frame.mode(Mode.DENY))
				.contentTypeOptions((options) -> {
				})
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.contentSecurityPolicy((csp) -> csp.policyDirectives(properties.contentSecurityPolicy()))
				.hsts((hsts) -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true)))
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh", "/oauth2/token")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/oauth2/jwks")
				.permitAll()
				.pathMatchers(ANONYMOUS)
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	@Bean
	ProblemCorsFilter problemCorsFilter(GatewayProperties properties, ProblemResponses problems) {
		return new ProblemCorsFilter(corsSource(properties.cors()), problems);
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(PlatformSecurityProperties security,
			ReactorLoadBalancerExchangeFilterFunction loadBalancer, GatewayProperties properties) {
		// a short leash on the key fetch: a slow department-service must not hold
		// requests
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(3));
		WebClient webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.filter(loadBalancer)
			.build();
		CachedJwkSource keys = new CachedJwkSource(webClient, security.jwkSetUri(), Duration.ofMinutes(5),
				Duration.ofSeconds(5));
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setClaimSetConverter(TokenClaims.claimSetConverter());
		decoder.setJwtValidator(TokenClaims.validator(security));
		// a token already verified is not verified again on every request
		// (CachingJwtDecoder)
		GatewayProperties.TokenCache cache = properties.tokenCache();
		return new CachingJwtDecoder(decoder, cache.ttl(), cache.maxEntries(), Clock.systemUTC());
	}

	private static CorsConfigurationSource corsSource(GatewayProperties.Cors cors) {
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOrigins(cors.allowedOrigins());
		config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Accept-Language", "If-Match",
				"If-None-Match", "Idempotency-Key", "X-Request-Id", "traceparent", "Last-Event-ID"));
		config.setExposedHeaders(List.of("Location", "ETag", "Retry-After", "X-Request-Id", "Content-Disposition",
				"X-RateLimit-Remaining"));
		config.setAllowCredentials(false);
		config.setMaxAge(cors.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", config);
		return source;
	}

}
