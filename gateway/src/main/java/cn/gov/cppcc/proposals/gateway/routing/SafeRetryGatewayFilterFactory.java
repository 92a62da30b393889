package cn.gov.cppcc.proposals.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * {@code SafeRetry=<retries>}: retries only what is provably safe to repeat.
 * <ul>
 * <li>A GET is retried when the service was not reached (connection refused or connect
 * timeout) or answered 503.</li>
 * <li>A POST is retried only when the connection could not be made at all
 * ({@link ConnectException}): then no byte of the request reached the service. A POST
 * that got an answer — even a 503 — is never repeated by the gateway, with or without an
 * {@code Idempotency-Key}: the service may have acted before answering, and API.md
 * honours the key only on writes that create something, so the gateway cannot prove a
 * repeat is harmless. The client, which knows its key, retries.</li>
 * <li>Other methods are never retried.</li>
 * </ul>
 * A slow answer is never retried: that would multiply the wait and the load on a
 * struggling service.
 */
public class SafeRetryGatewayFilterFactory extends RetryGatewayFilterFactory {

	@Override
	public GatewayFilter apply(RetryConfig config) {
		GatewayFilter gets = super.apply(configure(config.getRetries(), HttpMethod.GET, true));
		GatewayFilter posts = super.apply(configure(config.getRetries(), HttpMethod.POST, false));
		return (exchange, chain) -> {
			HttpMethod method = exchange.getRequest().getMethod();
			if (HttpMethod.GET.equals(method)) {
				return gets.filter(exchange, chain);
			}
			if (HttpMethod.POST.equals(method)) {
				return posts.filter(exchange, chain);
			}
			return chain.filter(exchange);
		};
	}

	@SuppressWarnings("unchecked")
	private static RetryConfig configure(int retries, HttpMethod method, boolean on503) {
		RetryConfig config = new RetryConfig();
		config.setRetries(retries);
		config.setMethods(method);
		config.setSeries();
		if (on503) {
			config.setStatuses(HttpStatus.SERVICE_UNAVAILABLE);
		}
		else {
			config.setStatuses();
		}
		config.setExceptions(ConnectException.class);
		config.setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false);
		return config;
	}

}
