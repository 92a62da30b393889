package cn.gov.cppcc.proposals.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.EventExecutor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import cn.gov.cppcc.proposals.gateway.web.ClientAddressHeadersFilter;

/**
 * Spring Cloud Gateway's {@link NettyRoutingFilter}, with the global response timeout
 * ({@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}) timed on the
 * request's own Netty event loop instead of Reactor's parallel scheduler. Spring Cloud
 * Gateway's {@code Flux.timeout} per request put a timer on the parallel scheduler's
 * delay queue (another thread, a lock and a cancellation on every request: 4-8 % of the
 * gateway's CPU in the profile of BENCHMARKS.md, "where the gateway's CPU goes"); here
 * the same operator gets a scheduler over the event loop the request runs on, whose
 * timers are a queue of that thread. One timer per request, as before, over the same span
 * (until the service's response headers have arrived), with the same outcome: a
 * {@code TimeoutException} turned into a 504 ({@code ProblemExceptionHandler}: problem
 * {@code gateway-timeout}), recorded as a failure by the route's breaker and never
 * retried by {@code SafeRetry}.
 * <p>
 * A route that sets its own {@code response-timeout} in its metadata (the export route,
 * 30 s; the event stream, -1 for none) keeps Spring Cloud Gateway's handling of it,
 * unchanged. The client of each distinct connect timeout is configured once and reused,
 * where Spring Cloud Gateway made a new client configuration on every request (for the
 * connect timeout, which the shared client already carries).
 */
public class NettyTimeoutRoutingFilter extends NettyRoutingFilter {

	/**
	 * More distinct timeout pairs than routes would ever use: past it, nothing cached.
	 */
	private static final int MAX_CLIENTS = 64;

	private final HttpClient httpClient;

	private final HttpClientProperties properties;

	private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();

	/** A scheduler over each event loop, made on its first request. */
	private final Map<EventExecutor, Scheduler> loopSchedulers = new ConcurrentHashMap<>();

	private volatile List<HttpHeadersFilter> routingHeadersFilters;

	public NettyTimeoutRoutingFilter(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
			HttpClientProperties properties) {
		super(httpClient, headersFilters, withoutGlobalResponseTimeout(properties));
		this.httpClient = httpClient;
		this.properties = properties;
	}

	/**
	 * The properties the superclass sees: no global response timeout, so that it adds no
	 * {@code Flux.timeout} of its own for routes without a timeout in their metadata.
	 */
	private static HttpClientProperties withoutGlobalResponseTimeout(HttpClientProperties properties) {
		HttpClientProperties copy = new HttpClientProperties();
		copy.setConnectTimeout(properties.getConnectTimeout());
		copy.setResponseTimeout(null);
		return copy;
	}

	/**
	 * The header filters of the routed request and its response: all of them, but Spring
	 * Cloud Gateway's {@link RemoveForwardedHeadersFilter} and
	 * {@link RemoveXForwardedHeadersFilter} when {@link ClientAddressHeadersFilter} is
	 * there, which drops the same headers ({@code Forwarded}, every
	 * {@code X-Forwarded-*}) in its own copy of the headers; each of those two copied all
	 * headers of every request once more.
	 */
	@Override
	public List<HttpHeadersFilter> getHeadersFilters() {
		List<HttpHeadersFilter> filters = this.routingHeadersFilters;
		if (filters == null) {
			List<HttpHeadersFilter> all = super.getHeadersFilters();
			if (all == null) {
				return null;
			}
			filters = withoutRedundantForwardedRemoval(all);
			this.routingHeadersFilters = filters;
		}
		return filters;
	}

	static List<HttpHeadersFilter> withoutRedundantForwardedRemoval(List<HttpHeadersFilter> all) {
		if (all.stream().noneMatch(ClientAddressHeadersFilter.class::isInstance)) {
			return all;
		}
		return all.stream()
			.filter((filter) -> !(filter instanceof RemoveForwardedHeadersFilter
					|| filter instanceof RemoveXForwardedHeadersFilter))
			.toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Duration timeout = (route != null) ? globalTimeoutOf(route) : null;
		if (timeout == null) {
			return super.filter(exchange, chain);
		}
		// what Spring Cloud Gateway's NettyRoutingFilter does with the global timeout,
		// with the timer on the request's event loop
		return super.filter(exchange, chain)
			.timeout(timeout,
					Mono.defer(() -> Mono.error(new TimeoutException("Response took longer than timeout: " + timeout))),
					scheduler(exchange))
			.onErrorMap(TimeoutException.class,
					(ex) -> new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage(), ex));
	}

	/**
	 * The global response timeout when it is the one that applies to a route: the route
	 * does not set its own in its metadata (a number of milliseconds, or negative for
	 * none), which the superclass enforces as before; an unreadable value falls back to
	 * the global one, as in the superclass.
	 */
	Duration globalTimeoutOf(Route route) {
		Map<String, Object> metadata = route.getMetadata();
		if (!metadata.containsKey(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR)) {
			return this.properties.getResponseTimeout();
		}
		Object own = metadata.get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
		if (own == null || own instanceof Number) {
			return null;
		}
		try {
			Long.parseLong(own.toString());
			return null;
		}
		catch (NumberFormatException ex) {
			// the superclass ignores it and uses the global timeout: so do we
			return this.properties.getResponseTimeout();
		}
	}

	/**
	 * A scheduler over the event loop of the request's connection: timers of that thread,
	 * set and cancelled without a lock or a wake-up of another thread. Reactor's parallel
	 * scheduler, as before, when the request is not on a Netty connection.
	 */
	Scheduler scheduler(ServerWebExchange exchange) {
		Object nativeRequest;
		try {
			nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// not a server request of a running server (a mock)
			nativeRequest = null;
		}
		if (!(nativeRequest instanceof Connection connection)) {
			return Schedulers.parallel();
		}
		EventExecutor loop = connection.channel().eventLoop();
		Scheduler scheduler = this.loopSchedulers.get(loop);
		if (scheduler == null) {
			scheduler = this.loopSchedulers.computeIfAbsent(loop,
					(executor) -> Schedulers.fromExecutorService(executor, "gateway-response-timeout"));
		}
		return scheduler;
	}

	/** The event loops that have a timeout scheduler (for the tests). */
	public int eventLoopSchedulers() {
		return this.loopSchedulers.size();
	}

	@Override
	protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
		Object connect = route.getMetadata().get(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR);
		Integer connectMillis = (connect != null) ? Integer.valueOf(connect.toString())
				: this.properties.getConnectTimeout();
		if (connectMillis == null) {
			return this.httpClient;
		}
		HttpClient client = this.clients.get(connectMillis);
		if (client != null) {
			return client;
		}
		client = this.httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis);
		if (this.clients.size() < MAX_CLIENTS) {
			HttpClient raced = this.clients.putIfAbsent(connectMillis, client);
			return (raced != null) ? raced : client;
		}
		return client;
	}

}
