package cn.gov.cppcc.proposals.gateway.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import cn.gov.cppcc.proposals.common.config.ProblemMessages;
import cn.gov.cppcc.proposals.common.error.Problems;

/**
 * Writes the problem details the gateway answers itself (RFC 9457, the same members as
 * every service: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code code}, {@code requestId}). The reactive counterpart of
 * common's servlet-side writers: titles from {@code problems/common} and this module's
 * {@code problems/service}, Chinese unless the caller asks for English.
 */
public class ProblemResponses {

	private static final MediaType PROBLEM_JSON_UTF8 = MediaType.parseMediaType("application/problem+json");

	private final Problems problems = new Problems(ProblemMessages.create());

	private final JsonMapper json = JsonMapper.builder().build();

	public ProblemDetail create(ServerWebExchange exchange, HttpStatusCode status, String code, Object... args) {
		ProblemDetail problem = this.problems.create(status, code, locale(exchange), args);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		String requestId = exchange.getAttribute(RequestContextFilter.REQUEST_ID_ATTR);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return problem;
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, Object... args) {
		return write(exchange, create(exchange, status, code, args), null);
	}

	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, Duration retryAfter) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		HttpHeaders headers = response.getHeaders();
		// a problem from the gateway replaces whatever a downstream had started to send
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.setContentType(PROBLEM_JSON_UTF8);
		headers.set(HttpHeaders.CONTENT_LANGUAGE, isEnglish(exchange) ? "en" : "zh-CN");
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
		}
		Map<String, Object> body = Problems.toMap(problem);
		byte[] bytes = this.json.writeValueAsBytes(body);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

	public String message(ServerWebExchange exchange, String key) {
		return this.problems.message(key, locale(exchange), key);
	}

	static long ceilSeconds(Duration duration) {
		long millis = duration.toMillis();
		return (millis + 999) / 1000;
	}

	static Locale locale(ServerWebExchange exchange) {
		return isEnglish(exchange) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
	}

	/**
	 * English when the caller's first language is English; Chinese otherwise (the
	 * default).
	 */
	static boolean isEnglish(ServerWebExchange exchange) {
		List<String> values = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT_LANGUAGE);
		if (values.isEmpty()) {
			return false;
		}
		String first = values.get(0).trim().toLowerCase(Locale.ROOT);
		return first.startsWith("en");
	}

}
