package cn.gov.cppcc.proposals.gateway.web;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * The first filter of every request: accepts a well-formed {@code X-Request-Id} or makes
 * one, passes W3C {@code traceparent} on (making one when absent or malformed), sends
 * both downstream, returns the request id on the response and writes one access-log line
 * per request (method, path, route, status, latency, client, request id) with the request
 * id in the MDC.
 */
public class RequestContextFilter implements WebFilter, Ordered {

	/** Exchange attribute holding the request id. */
	public static final String REQUEST_ID_ATTR = "platform.requestId";

	/** Exchange attribute holding the trace id (from traceparent). */
	public static final String TRACE_ID_ATTR = "platform.traceId";

	/**
	 * Exchange attribute holding the client: the token subject once verified (set by the
	 * rate limiter), otherwise absent and the IP is logged.
	 */
	public static final String CLIENT_ATTR = "platform.client";

	public static final String TRACEPARENT = "traceparent";

	private static final Pattern TRACEPARENT_FORMAT = Pattern
		.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

	private static final Logger ACCESS = LoggerFactory.getLogger("cn.gov.cppcc.proposals.gateway.access");

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final String contentSecurityPolicy;

	public RequestContextFilter(String contentSecurityPolicy) {
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		ServerHttpRequest request = exchange.getRequest();
		String requestId = RequestIds.acceptOrCreate(request.getHeaders().getFirst(RequestIds.HEADER));
		String traceparent = request.getHeaders().getFirst(TRACEPARENT);
		String traceId;
		var matcher = (traceparent != null) ? TRACEPARENT_FORMAT.matcher(traceparent) : null;
		if (matcher != null && matcher.matches() && !matcher.group(1).equals("00000000000000000000000000000000")) {
			traceId = matcher.group(1);
		}
		else {
			traceId = randomHex(32);
			traceparent = "00-" + traceId + "-" + randomHex(16) + "-01";
		}
		String tp = traceparent;
		ServerHttpRequest mutated = request.mutate().headers((headers) -> {
			headers.set(RequestIds.HEADER, requestId);
			headers.set(TRACEPARENT, tp);
		}).build();
		ServerWebExchange next = exchange.mutate().request(mutated).build();
		next.getAttributes().put(REQUEST_ID_ATTR, requestId);
		next.getAttributes().put(TRACE_ID_ATTR, traceId);
		// set just before the response is sent, so that a service's own copy is replaced,
		// not doubled
		next.getResponse().beforeCommit(() -> {
			HttpHeaders headers = next.getResponse().getHeaders();
			headers.set(RequestIds.HEADER, requestId);
			// security headers on every response, also those answered before Spring
			// Security
			// runs (limits, CORS); a service's own value is kept
			setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
			setIfAbsent(headers, "X-Frame-Options", "DENY");
			setIfAbsent(headers, "Referrer-Policy", "strict-origin-when-cross-origin");
			setIfAbsent(headers, "Content-Security-Policy", this.contentSecurityPolicy);
			return Mono.empty();
		});
		return chain.filter(next)
			.doFinally((signal) -> log(next, start, requestId, traceId))
			.contextWrite((context) -> context.put(RequestIds.MDC_KEY, requestId));
	}

	private void log(ServerWebExchange exchange, long start, String requestId, String traceId) {
		if (!ACCESS.isInfoEnabled()) {
			return;
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		String client = exchange.getAttribute(CLIENT_ATTR);
		if (client == null) {
			client = clientIp(exchange);
		}
		MDC.put(RequestIds.MDC_KEY, requestId);
		MDC.put("traceId", traceId);
		try {
			ACCESS.info("{} {} route={} status={} {}ms client={} requestId={}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), (route != null) ? route.getId() : "-",
					(status != null) ? status.value() : 0, millis, client, requestId);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
			MDC.remove("traceId");
		}
	}

	private static void setIfAbsent(HttpHeaders headers, String name, String value) {
		if (!headers.containsHeader(name)) {
			headers.set(name, value);
		}
	}

	public static String clientIp(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	private static String randomHex(int length) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = HEX[random.nextInt(16)];
		}
		if (chars[length - 1] == '0') {
			chars[length - 1] = '1';
		}
		return new String(chars);
	}

}
