package cn.gov.cppcc.proposals.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.ResolvableType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which routes this filter times itself, on which scheduler, and that the client of a
 * route is configured once.
 */
class NettyTimeoutRoutingFilterTest {

	private final NettyTimeoutRoutingFilter filter;

	NettyTimeoutRoutingFilterTest() {
		HttpClientProperties properties = new HttpClientProperties();
		properties.setConnectTimeout(1000);
		properties.setResponseTimeout(Duration.ofSeconds(10));
		ObjectProvider<List<HttpHeadersFilter>> filters = new StaticListableBeanFactory()
			.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, HttpHeadersFilter.class));
		this.filter = new NettyTimeoutRoutingFilter(HttpClient.create(), filters, properties);
	}

	@Test
	void routeWithoutOwnTimeoutIsTimedHereWithTheGlobalOne() {
		assertThat(this.filter.globalTimeoutOf(route(Map.of()))).isEqualTo(Duration.ofSeconds(10));
		// an unreadable value: the superclass falls back to the global timeout, so here
		assertThat(this.filter.globalTimeoutOf(route(Map.of("response-timeout", "soon"))))
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void routeWithItsOwnTimeoutKeepsSpringCloudGatewaysHandlingOfIt() {
		// the export route (30 s) and the event stream (-1: none): the superclass times
		// them as before, so no second timer here
		assertThat(this.filter.globalTimeoutOf(route(Map.of("response-timeout", 30000)))).isNull();
		assertThat(this.filter.globalTimeoutOf(route(Map.of("response-timeout", "30000")))).isNull();
		assertThat(this.filter.globalTimeoutOf(route(Map.of("response-timeout", -1)))).isNull();
	}

	@Test
	void clientOfARouteIsConfiguredOnceWithItsConnectTimeout() {
		HttpClient client = this.filter.getHttpClient(route(Map.of()), null);
		assertThat(client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(1000);
		assertThat(client.configuration().responseTimeout()).isNull();
		assertThat(this.filter.getHttpClient(route(Map.of()), null)).isSameAs(client);
		HttpClient own = this.filter.getHttpClient(route(Map.of("connect-timeout", 250)), null);
		assertThat(own.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(250);
		assertThat(this.filter.getHttpClient(route(Map.of("connect-timeout", "250")), null)).isSameAs(own);
	}

	@Test
	void requestNotOnANettyConnectionIsTimedOnTheParallelSchedulerAsBefore() {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
		assertThat(this.filter.scheduler(exchange)).isSameAs(Schedulers.parallel());
	}

	private static Route route(Map<String, Object> metadata) {
		return Route.async()
			.id("r")
			.uri(URI.create("http://127.0.0.1:1"))
			.predicate((exchange) -> true)
			.metadata(metadata)
			.build();
	}

}
