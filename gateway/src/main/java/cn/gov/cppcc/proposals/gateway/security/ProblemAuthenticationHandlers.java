package cn.gov.cppcc.proposals.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import cn.gov.cppcc.proposals.gateway.web.ProblemResponses;

/**
 * 401 and 403 as problem+json ({@code /problems/unauthorized},
 * {@code /problems/forbidden}), the reactive counterpart of common's servlet
 * {@code ProblemSecurityHandlers}. The reason a token was refused is not told to the
 * caller.
 */
class ProblemAuthenticationHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ProblemResponses problems;

	ProblemAuthenticationHandlers(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
		exchange.getResponse()
			.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
		return this.problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return this.problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden");
	}

}
