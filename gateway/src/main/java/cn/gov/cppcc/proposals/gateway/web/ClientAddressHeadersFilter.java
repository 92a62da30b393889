package cn.gov.cppcc.proposals.gateway.web;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} is the client's address
 * as the gateway sees it (the peer, or what a trusted proxy says when
 * {@code FORWARD_HEADERS_STRATEGY=native}) and {@code X-Forwarded-Proto} its scheme —
 * replacing whatever the client sent, so nobody can choose the IP that the services'
 * login and audit logs record. Spring Cloud Gateway's own forwarded-header filters are
 * off (application.yml): this is the only one, and it drops every forwarded header a
 * client sent ({@code Forwarded}, {@code X-Forwarded-*}), which is also all that Spring
 * Cloud Gateway's {@code RemoveForwardedHeadersFilter} and
 * {@code RemoveXForwardedHeadersFilter} do: the routing filter leaves those two out
 * ({@code NettyTimeoutRoutingFilter}), this one copy of the headers does their work. It
 * also sets the request's {@code X-Request-Id} and {@code traceparent} as
 * {@link RequestContextFilter} accepted or made them.
 */
public class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		// whatever the client claimed about the path it came by is dropped: Forwarded and
		// every X-Forwarded-* (as Spring Cloud Gateway's RemoveForwardedHeadersFilter and
		// RemoveXForwardedHeadersFilter do, which the routing filter therefore skips)
		for (Map.Entry<String, List<String>> header : input.headerSet()) {
			if (!isForwarded(header.getKey())) {
				headers.addAll(header.getKey(), header.getValue());
			}
		}
		headers.set("X-Forwarded-For", RequestContextFilter.clientIp(exchange));
		headers.set("X-Forwarded-Proto", exchange.getRequest().getURI().getScheme());
		String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
		if (host != null) {
			headers.set("X-Forwarded-Host", host);
		}
		// the request id and traceparent RequestContextFilter accepted or made (the
		// client's value when well-formed, otherwise replaced)
		String requestId = exchange.getAttribute(RequestContextFilter.REQUEST_ID_ATTR);
		if (requestId != null) {
			headers.set(RequestIds.HEADER, requestId);
		}
		String traceparent = exchange.getAttribute(RequestContextFilter.TRACEPARENT_ATTR);
		if (traceparent != null) {
			headers.set(RequestContextFilter.TRACEPARENT, traceparent);
		}
		return headers;
	}

	/**
	 * Whether a header is one of those a client must not send on: {@code Forwarded} or
	 * any {@code X-Forwarded-*}, in any case.
	 */
	static boolean isForwarded(String name) {
		return name.equalsIgnoreCase("Forwarded") || name.regionMatches(true, 0, "X-Forwarded-", 0, 12);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
