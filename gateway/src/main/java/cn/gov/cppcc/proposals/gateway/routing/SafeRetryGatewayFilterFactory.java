package cn.gov.cppcc.proposals.gateway.routing;

import java.net.ConnectException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * {@code SafeRetry=<retries>}: retries only what is safe to repeat — a GET, or a POST
 * carrying an {@code Idempotency-Key} (the service answers a repeat with the first
 * answer, API.md) — and only when the service was not reached (connection refused or
 * timed out) or answered 503. A slow answer is never retried: that would multiply the
 * wait and the load on a struggling service.
 */
public class SafeRetryGatewayFilterFactory extends RetryGatewayFilterFactory {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	@Override
	@SuppressWarnings("unchecked")
	public GatewayFilter apply(RetryConfig config) {
		config.setMethods(HttpMethod.GET, HttpMethod.POST);
		config.setSeries();
		config.setStatuses(HttpStatus.SERVICE_UNAVAILABLE);
		config.setExceptions(ConnectException.class);
		config.setBackoff(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200), 2, false);
		GatewayFilter retrying = super.apply(config);
		return (exchange, chain) -> {
			HttpMethod method = exchange.getRequest().getMethod();
			boolean safe = HttpMethod.GET.equals(method) || (HttpMethod.POST.equals(method)
					&& exchange.getRequest().getHeaders().containsHeader(IDEMPOTENCY_KEY));
			return safe ? retrying.filter(exchange, chain) : chain.filter(exchange);
		};
	}

}
