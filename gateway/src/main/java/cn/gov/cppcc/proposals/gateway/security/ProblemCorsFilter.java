package cn.gov.cppcc.proposals.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.gov.cppcc.proposals.gateway.web.ProblemResponses;

/**
 * CORS for the portal's origins, before the token check (a preflight carries no token):
 * Spring's {@code CorsWebFilter}, except that a refused cross-origin request gets a 403
 * problem+json rather than an empty body.
 */
class ProblemCorsFilter implements WebFilter, Ordered {

	private final CorsConfigurationSource source;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ProblemResponses problems;

	ProblemCorsFilter(CorsConfigurationSource source, ProblemResponses problems) {
		this.source = source;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		// before Spring Security's filter chain (-100)
		return -150;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		CorsConfiguration config = this.source.getCorsConfiguration(exchange);
		boolean valid = this.processor.process(config, exchange);
		if (!valid) {
			return this.problems.write(exchange, HttpStatus.FORBIDDEN, "cors-rejected");
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

}
