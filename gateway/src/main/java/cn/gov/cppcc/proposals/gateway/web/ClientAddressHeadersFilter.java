package cn.gov.cppcc.proposals.gateway.web;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} is the client's address
 * as the gateway sees it (the peer, or what a trusted proxy says when
 * {@code FORWARD_HEADERS_STRATEGY=native}) and {@code X-Forwarded-Proto} its scheme —
 * replacing whatever the client sent, so nobody can choose the IP that the services'
 * login and audit logs record. Runs after Spring Cloud Gateway's own header filters
 * (which drop the incoming forwarded headers).
 */
public class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(input);
		headers.remove("Forwarded");
		headers.set("X-Forwarded-For", RequestContextFilter.clientIp(exchange));
		headers.set("X-Forwarded-Proto", exchange.getRequest().getURI().getScheme());
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
