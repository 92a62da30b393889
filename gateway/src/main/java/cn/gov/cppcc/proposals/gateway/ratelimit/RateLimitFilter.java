package cn.gov.cppcc.proposals.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties;
import cn.gov.cppcc.proposals.gateway.config.GatewayProperties.Budget;
import cn.gov.cppcc.proposals.gateway.web.ProblemResponses;
import cn.gov.cppcc.proposals.gateway.web.RequestContextFilter;

/**
 * Per-client request budgets, checked after the token (so a signed-in client is counted
 * by its token subject) and before routing (so nothing behind the gateway sees the
 * excess): login, refresh and the token endpoint per IP and strictest; the public API per
 * IP; everything else per subject. A refused request is 429 problem+json with
 * {@code Retry-After}. Actuator endpoints are not counted (scrapers and probes).
 */
public class RateLimitFilter implements WebFilter, Ordered {

	/** After Spring Security's filter chain (order -100). */
	public static final int ORDER = -50;

	private static final PathParser PATHS = new PathParser();

	private final RateLimiter limiter;

	private final ProblemResponses problems;

	private final GatewayProperties.RateLimit config;

	public RateLimitFilter(RateLimiter limiter, ProblemResponses problems, GatewayProperties.RateLimit config) {
		this.limiter = limiter;
		this.problems = problems;
		this.config = config;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		if (!this.config.enabled() || PATHS.actuator.matches(path)) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal().map((principal) -> {
			if (principal instanceof JwtAuthenticationToken token) {
				return token.getToken().getSubject();
			}
			return principal.getName();
		}).defaultIfEmpty("").flatMap((subject) -> {
			String ip = RequestContextFilter.clientIp(exchange);
			String key;
			Budget budget;
			boolean post = HttpMethod.POST.equals(exchange.getRequest().getMethod());
			if (post && PATHS.login.matches(path)) {
				key = "login:" + ip;
				budget = this.config.login();
			}
			else if (post && PATHS.token.matches(path)) {
				key = "token:" + ip;
				budget = this.config.login();
			}
			else if (PATHS.publicApi.matches(path)) {
				key = "public:" + ip;
				budget = this.config.publicApi();
			}
			else if (!subject.isEmpty()) {
				key = "sub:" + subject;
				budget = this.config.authenticated();
			}
			else {
				key = "anon:" + ip;
				budget = this.config.anonymous();
			}
			if (!subject.isEmpty()) {
				exchange.getAttributes().put(RequestContextFilter.CLIENT_ATTR, subject);
			}
			return this.limiter.consume(key, budget).flatMap((decision) -> {
				if (decision.allowed()) {
					exchange.getResponse()
						.getHeaders()
						.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
					return chain.filter(exchange);
				}
				ProblemDetail problem = this.problems.create(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
				return this.problems.write(exchange, problem, decision.retryAfter());
			});
		});
	}

	private static final class PathParser {

		final PathPattern actuator = PathPatternParser.defaultInstance.parse("/actuator/**");

		final PathPattern publicApi = PathPatternParser.defaultInstance.parse("/api/v1/public/**");

		final PathPattern login = PathPatternParser.defaultInstance.parse("/api/v1/auth/{action:login|refresh}");

		final PathPattern token = PathPatternParser.defaultInstance.parse("/oauth2/token");

	}

}
