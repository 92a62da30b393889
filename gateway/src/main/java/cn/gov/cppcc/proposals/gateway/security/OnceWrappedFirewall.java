package cn.gov.cppcc.proposals.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * Spring Security's {@link StrictServerWebExchangeFirewall}, unchanged in what it checks
 * and refuses, but without its cost on every access: its exchange makes a new request
 * wrapper on every {@code getRequest()} and that wrapper a new header wrapper on every
 * {@code getHeaders()} — and the gateway's filters and its routing call these dozens of
 * times per request (6-7 % of the gateway's CPU in the profile of
 * {@code bench/gateway-hop.sh}, BENCHMARKS.md). Here each exchange keeps the one request
 * wrapper, and that the one header wrapper. The checks are the strict firewall's own: the
 * method, path and host checks when the exchange enters, the response-header check when
 * it is committed, and the header name/value and query parameter checks on every
 * {@code getFirst}/{@code get}/{@code headerNames}/{@code getQueryParams}, as before;
 * {@code mutate()} is the strict firewall's builder, as before.
 */
final class OnceWrappedFirewall implements ServerWebExchangeFirewall {

	private final ServerWebExchangeFirewall strict;

	OnceWrappedFirewall(ServerWebExchangeFirewall strict) {
		this.strict = strict;
	}

	OnceWrappedFirewall() {
		this(new StrictServerWebExchangeFirewall());
	}

	@Override
	public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
		return this.strict.getFirewalledExchange(exchange).map(OnceWrappedExchange::new);
	}

	private static final class OnceWrappedExchange extends ServerWebExchangeDecorator {

		// a race between threads only makes a second, equivalent wrapper
		private ServerHttpRequest request;

		OnceWrappedExchange(ServerWebExchange firewalled) {
			super(firewalled);
		}

		@Override
		public ServerHttpRequest getRequest() {
			ServerHttpRequest wrapped = this.request;
			if (wrapped == null) {
				wrapped = new OnceWrappedRequest(super.getRequest());
				this.request = wrapped;
			}
			return wrapped;
		}

	}

	private static final class OnceWrappedRequest extends ServerHttpRequestDecorator {

		private HttpHeaders headers;

		OnceWrappedRequest(ServerHttpRequest firewalled) {
			super(firewalled);
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders wrapped = this.headers;
			if (wrapped == null) {
				wrapped = super.getHeaders();
				this.headers = wrapped;
			}
			return wrapped;
		}

		@Override
		public Builder mutate() {
			// the strict firewall's builder: it checks what is set and wraps what it
			// builds
			return getDelegate().mutate();
		}

	}

}
