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
 * login and audit logs record. Spring Cloud Gateway's own forwarded-header filters are
 * off (application.yml): this is the only one, and it drops every forwarded header a
 * client sent.
 */
public class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(input);
		// whatever the client claimed about the path it came by is dropped
		headers.remove("Forwarded");
		headers.remove("X-Forwarded-Host");
		headers.remove("X-Forwarded-Port");
		headers.remove("X-Forwarded-Prefix");
		headers.set("X-Forwarded-For", RequestContextFilter.clientIp(exchange));
		headers.set("X-Forwarded-Proto", exchange.getRequest().getURI().getScheme());
		String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
		if (host != null) {
			headers.set("X-Forwarded-Host", host);
		}
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
