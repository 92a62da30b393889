package cn.gov.cppcc.proposals.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import reactor.core.publisher.Flux;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.gov.cppcc.proposals.gateway.ratelimit.InMemoryRateLimiter;
import cn.gov.cppcc.proposals.gateway.ratelimit.RateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on a random port in front of stub services (and a stub JWKS), with tokens
 * minted here. notification-service is registered at a port where nothing listens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.gateway.response-timeout=1500ms", "platform.gateway.export-timeout-ms=700",
				"platform.gateway.breaker.minimum-calls=4", "platform.gateway.breaker.sliding-window=4",
				"platform.gateway.breaker.open-state=30s", "platform.gateway.rate-limit.login.capacity=3",
				"platform.gateway.rate-limit.login.period=1m",
				"platform.gateway.cors.allowed-origins=https://portal.example.gov.cn",
				"logging.level.cn.gov.cppcc.proposals.gateway.access=INFO" })
@ExtendWith(OutputCaptureExtension.class)
class GatewayIntegrationTest {

	static final RSAKey KEY = TestKeys.rsaKey("test-key");

	static final RSAKey OTHER_KEY = TestKeys.rsaKey("test-key");

	static final StubService department;

	static final StubService proposal;

	static final StubService statistics;

	static final int deadPort;

	static final AtomicInteger flaky = new AtomicInteger();

	static {
		try {
			department = new StubService().on("/oauth2/jwks", (exchange) -> new JWKSet(KEY.toPublicJWK()).toString())
				.on("/api/v1/auth/login", (exchange) -> "{\"accessToken\":\"x\"}");
			proposal = new StubService()
				// 503 on every odd call: a service restarting
				.on("/api/v1/proposals/9/submit", (exchange) -> {
					if (flaky.incrementAndGet() % 2 == 1) {
						throw new StubService.Status(503);
					}
					return "{\"status\":\"SUBMITTED\"}";
				})
				.on("/v3/api-docs", (
						exchange) -> "{\"openapi\":\"3.1.0\",\"servers\":[{\"url\":\"http://127.0.0.1:8082\"}],\"paths\":{\"/api/v1/proposals\":{}}}");
			statistics = new StubService().on("/api/v1/statistics/overview", (exchange) -> {
				Thread.sleep(5000);
				return "{}";
			}).on("/api/v1/statistics/export", (exchange) -> {
				Thread.sleep(5000);
				return "{}";
			});
			try (ServerSocket socket = new ServerSocket(0)) {
				deadPort = socket.getLocalPort();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.department-service[0].uri", department::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.proposal-service[0].uri", proposal::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.statistics-service[0].uri", statistics::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.notification-service[0].uri",
				() -> "http://127.0.0.1:" + deadPort);
	}

	@AfterAll
	static void stop() {
		department.close();
		proposal.close();
		statistics.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory breakers;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	ContextRefresher refresher;

	@Autowired
	ApplicationContext context;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	// --- tokens

	@Test
	void anonymousPublicPathPasses() {
		this.client.get()
			.uri("/api/v1/public/replies")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/api/v1/public/replies");
	}

	@Test
	void accessLogLineCarriesRequestIdTraceIdRouteAndStatus(CapturedOutput output) {
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		this.client.get()
			.uri("/api/v1/public/replies/31")
			.header("X-Request-Id", "access-log-check-31")
			.header("traceparent", traceparent)
			.exchange()
			.expectStatus()
			.isOk();
		// written by the access log's own asynchronous appender: wait for it
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!output.getOut().contains("access-log-check-31") && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		String line = output.getOut()
			.lines()
			.filter((l) -> l.contains("GET /api/v1/public/replies/31 "))
			.findFirst()
			.orElseThrow();
		assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ +INFO "
				+ "\\[gateway,access-log-check-31,0af7651916cd43dd8448eb211c80319c\\] \\d+ --- access : "
				+ "GET /api/v1/public/replies/31 route=proposal-service status=200 \\d+ms client=127\\.0\\.0\\.1 "
				+ "requestId=access-log-check-31");
	}

	/**
	 * Spring Cloud Gateway's global filters for features no route uses are switched off
	 * (application.yml, {@code global-filter}); each was one more step of every request.
	 */
	@Test
	void globalFiltersAreOnlyThoseTheRoutesUse() {
		List<String> filters = this.context.getBeansOfType(GlobalFilter.class)
			.values()
			.stream()
			.map((filter) -> filter.getClass().getSimpleName())
			.sorted()
			.toList();
		assertThat(filters).doesNotContain("ForwardRoutingFilter", "ForwardPathFilter", "WebsocketRoutingFilter",
				"AdaptCachedBodyGlobalFilter", "RemoveCachedBodyFilter", "LoadBalancerServiceInstanceCookieFilter");
		assertThat(filters).contains("NettyRoutingFilter", "NettyWriteResponseFilter", "RouteToRequestUrlFilter",
				"ReactiveLoadBalancerClientFilter", "GatewayMetricsFilter");
		assertThat(this.context.getBeanNamesForType(WeightCalculatorWebFilter.class)).isEmpty();
	}

	@Test
	void protectedPathWithoutTokenIsProblem401InChineseByDefault() {
		this.client.get()
			.uri("/api/v1/proposals")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType("application/problem+json")
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("/problems/unauthorized")
			.jsonPath("$.code")
			.isEqualTo("unauthorized")
			.jsonPath("$.title")
			.isEqualTo("需要登录")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo("/api/v1/proposals")
			.jsonPath("$.requestId")
			.isNotEmpty();
	}

	@Test
	void problemInEnglishOnRequest() {
		this.client.get()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Authentication required");
	}

	@Test
	void validTokenPassesWithRequestIdTokenAndTraceparent() {
		String token = token(KEY, claims().build());
		this.client.get()
			.uri("/api/v1/proposals?page=1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Request-Id", "test-request-0001")
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Prefix", "/evil")
			.header("Forwarded", "for=6.6.6.6;host=evil.example")
			.header("X-Forwarded-Client-Cert", "spoofed")
			.header("x-forwarded-server", "evil.example")
			.header("X-Forwarded-Port", "6666")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values("X-Request-Id", (values) -> assertThat(values).containsExactly("test-request-0001"));
		StubService.Seen seen = proposal.last("/api/v1/proposals");
		assertThat(seen.headers().getFirst("X-Request-Id")).isEqualTo("test-request-0001");
		assertThat(seen.headers().getFirst("Authorization")).isEqualTo("Bearer " + token);
		assertThat(seen.headers().getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		// the client cannot choose the address the services record
		assertThat(seen.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(seen.headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(seen.headers().get("X-Forwarded-Host")).doesNotContain("evil.example").hasSize(1);
		assertThat(seen.headers().containsKey("X-Forwarded-Prefix")).isFalse();
		assertThat(seen.headers().containsKey("Forwarded")).isFalse();
		assertThat(seen.headers().containsKey("X-Forwarded-Client-Cert")).isFalse();
		assertThat(seen.headers().containsKey("X-Forwarded-Server")).isFalse();
		assertThat(seen.headers().containsKey("X-Forwarded-Port")).isFalse();
		// one value of each of the gateway's own
		assertThat(seen.headers().get("X-Request-Id")).hasSize(1);
		assertThat(seen.headers().get("traceparent")).hasSize(1);
	}

	@Test
	void malformedRequestIdIsReplacedAndTraceparentPassedThrough() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		String returned = this.client.get()
			.uri("/api/v1/public/replies/7")
			.header("X-Request-Id", "bad id!")
			.header("traceparent", traceparent)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		assertThat(returned).matches("[0-9a-f]{32}");
		StubService.Seen seen = proposal.last("/api/v1/public/replies/7");
		assertThat(seen.headers().getFirst("X-Request-Id")).isEqualTo(returned);
		assertThat(seen.headers().getFirst("traceparent")).isEqualTo(traceparent);
	}

	@Test
	void refusedTokens() {
		Map<String, String> refused = new HashMap<>();
		refused.put("expired",
				token(KEY,
						claims().issuedAt(Instant.now().minusSeconds(3600))
							.expiresAt(Instant.now().minusSeconds(600))
							.build()));
		refused.put("wrong audience", token(KEY, claims().audience(List.of("another-platform")).build()));
		refused.put("wrong issuer", token(KEY, claims().issuer("someone-else").build()));
		refused.put("other key", token(OTHER_KEY, claims().build()));
		refused.put("alg none", algNone(claims().build()));
		refused.put("tampered", tamper(token(KEY, claims().build())));
		refused.put("garbage", "not.a.token");
		int before = department.count("/api/v1/me");
		refused.forEach((kind, token) -> this.client.get()
			.uri("/api/v1/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).as(kind).isEqualTo(401))
			.expectHeader()
			.contentType("application/problem+json")
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unauthorized"));
		assertThat(department.count("/api/v1/me")).isEqualTo(before);
	}

	@Test
	void madeUpKeyIdsDoNotHammerTheKeyEndpoint() {
		RSAKey rogue = TestKeys.rsaKey("rogue-key");
		// the first valid token fills the key cache
		this.client.get()
			.uri("/api/v1/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(KEY, claims().build()))
			.exchange()
			.expectStatus()
			.isOk();
		int fetches = department.count("/oauth2/jwks");
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/api/v1/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(rogue, claims().build()))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
		assertThat(department.count("/oauth2/jwks") - fetches).isLessThanOrEqualTo(1);
	}

	// --- paths the gateway answers itself

	@Test
	void unknownPathIsProblem404() {
		this.client.get()
			.uri("/api/v1/nothing-here")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(KEY, claims().build()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("/problems/not-found")
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@Test
	void internalEndpointsAreNeverRouted() {
		String token = token(KEY, claims().build());
		for (String path : List.of("/api/v1/internal/audit-log", "/api/v1/internal/units/1")) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("not-found");
		}
		this.client.get().uri("/api/v1/internal/audit-log").exchange().expectStatus().isNotFound();
		assertThat(department.seen()).noneMatch((seen) -> seen.path().contains("internal"));
	}

	@Test
	void serviceDownAnswers503FastThenBreakerOpensOtherRoutesUnaffected() {
		String token = token(KEY, claims().build());
		for (int i = 0; i < 4; i++) {
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/v1/notifications")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType("application/problem+json")
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER)
				.expectBody()
				.jsonPath("$.code")
				.value((code) -> assertThat(code).isIn("dependency-unavailable", "circuit-open"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		// looked up only now: the route's breaker is created with the gateway's settings
		// on first use
		CircuitBreaker breaker = this.breakers.getCircuitBreakerRegistry().circuitBreaker("notification-service");
		assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(4);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		long start = System.nanoTime();
		this.client.get()
			.uri("/api/v1/notifications/1/read")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "30")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("circuit-open")
			.jsonPath("$.type")
			.isEqualTo("/problems/circuit-open");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		// an open breaker is not a sick gateway
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		// other services' routes are unaffected
		this.client.get()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.breakers.getCircuitBreakerRegistry().circuitBreaker("proposal-service").getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void postThatGot503IsNotRetriedEvenWithAnIdempotencyKey() {
		String token = token(KEY, claims().build());
		flaky.set(0);
		int before = proposal.count("/api/v1/proposals/9/submit");
		this.client.post()
			.uri("/api/v1/proposals/9/submit")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", "k-0001")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"note\":\"again\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		// the service saw the POST exactly once: the gateway did not repeat it
		assertThat(proposal.count("/api/v1/proposals/9/submit") - before).isEqualTo(1);
		flaky.set(0);
		this.client.post()
			.uri("/api/v1/proposals/9/submit")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(proposal.count("/api/v1/proposals/9/submit") - before).isEqualTo(2);
	}

	@Test
	void slowServiceAnswers504WithinTheTimeout() {
		long start = System.nanoTime();
		this.client.get()
			.uri("/api/v1/statistics/overview")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(KEY, claims().build()))
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("gateway-timeout");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofMillis(4000));
		// a timed-out GET is not retried
		assertThat(statistics.count("/api/v1/statistics/overview")).isEqualTo(1);
		// and the breaker counts it as a failure
		assertThat(this.breakers.getCircuitBreakerRegistry().find("statistics-service"))
			.hasValueSatisfying((breaker) -> assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isPositive());
	}

	@Test
	void routeWithItsOwnTimeoutAnswers504WithinItsOwnTimeout() {
		// the export route's metadata timeout (700 ms here) wins over the global one (1.5
		// s)
		long start = System.nanoTime();
		this.client.get()
			.uri("/api/v1/statistics/export")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(KEY, claims().build()))
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("gateway-timeout");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(650)).isLessThan(Duration.ofMillis(1400));
		assertThat(statistics.count("/api/v1/statistics/export")).isEqualTo(1);
	}

	@Test
	void loginBurstIsLimitedBeforeTheService() {
		int passed = 0;
		String retryAfter = null;
		for (int i = 0; i < 6; i++) {
			var result = this.client.post()
				.uri("/api/v1/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"username\":\"member1\",\"password\":\"x\"}")
				.exchange()
				.returnResult(String.class);
			if (result.getStatus().value() == 200) {
				passed++;
			}
			else {
				assertThat(result.getStatus().value()).isEqualTo(429);
				assertThat(result.getResponseHeaders().getContentType().toString())
					.startsWith("application/problem+json");
				retryAfter = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
				assertThat(result.getResponseBody().blockFirst()).contains("\"code\":\"rate-limited\"");
			}
		}
		assertThat(passed).isEqualTo(3);
		assertThat(department.count("/api/v1/auth/login")).isEqualTo(3);
		assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
	}

	@Test
	void oversizedBodyIs413AndNeverReachesTheService() {
		byte[] body = ("{\"title\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		int before = proposal.count("/api/v1/proposals");
		this.client.post()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(KEY, claims().build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payload-too-large");
		assertThat(proposal.count("/api/v1/proposals")).isEqualTo(before);
	}

	@Test
	void oversizedChunkedBodyIs413() {
		byte[] chunk = ("\"" + "y".repeat(64 * 1024) + "\",").getBytes(StandardCharsets.UTF_8);
		Flux<DataBuffer> body = Flux.range(0, 6).map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
		this.client.post()
			.uri("/api/v1/public/replies")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payload-too-large");
	}

	@Test
	void wrongContentTypeIs415() {
		String token = token(KEY, claims().build());
		this.client.post()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unsupported-media-type");
		this.client.post()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("a=b")
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		// form encoding is right for the token endpoint
		this.client.post()
			.uri("/oauth2/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("grant_type=client_credentials")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void hugeHeaderIs431() {
		this.client.get()
			.uri("/api/v1/public/replies")
			.header("X-Padding", "p".repeat(20 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(431)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("header-too-large");
	}

	@Test
	void overlongUrlIs414ProblemAndNothingReachesTheService() {
		int before = proposal.count("/api/v1/proposals");
		this.client.get()
			.uri("/api/v1/proposals?q=" + "长".repeat(3000))
			.exchange()
			.expectStatus()
			.isEqualTo(414)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("uri-too-long")
			.jsonPath("$.title")
			.isEqualTo("URL 过长");
		assertThat(proposal.count("/api/v1/proposals")).isEqualTo(before);
	}

	@Test
	void corsPreflightFromAllowedOriginOnly() {
		this.client.options()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.ORIGIN, "https://portal.example.gov.cn")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type, Idempotency-Key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://portal.example.gov.cn");
		this.client.options()
			.uri("/api/v1/proposals")
			.header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("cors-rejected");
		// an actual cross-origin call from the portal gets the CORS headers too
		this.client.get()
			.uri("/api/v1/public/replies")
			.header(HttpHeaders.ORIGIN, "https://portal.example.gov.cn")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://portal.example.gov.cn")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains("X-Request-Id"));
	}

	@Test
	void securityHeadersOnEveryResponse() {
		// routed, refused by the token check, refused at the door before it
		for (String path : List.of("/api/v1/public/replies", "/api/v1/proposals", "/api/v1/internal/x")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.values("X-Frame-Options", (values) -> assertThat(values).hasSize(1))
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("X-Frame-Options", "DENY")
				.expectHeader()
				.valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
				.expectHeader()
				.value("Content-Security-Policy",
						(csp) -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		}
	}

	@Test
	void swaggerUiAndServiceSpecs() {
		this.client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		this.client.get()
			.uri("/v3/api-docs-gateway/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[?(@.name=='proposal-service')].url")
			.isEqualTo("/v3/api-docs/proposal-service");
		this.client.get()
			.uri("/v3/api-docs/proposal-service")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.servers[0].url")
			.isEqualTo("/")
			.jsonPath("$.paths['/api/v1/proposals']")
			.exists();
		assertThat(proposal.count("/v3/api-docs")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void redisIsNotUsedWithoutRedisUrl() {
		assertThat(this.context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBean(RateLimiter.class)).isInstanceOf(InMemoryRateLimiter.class);
	}

	@Test
	void healthAndPrometheusPerRoute() {
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.client.get().uri("/api/v1/public/statistics").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("spring_cloud_gateway_requests")
				.contains("routeId=\"statistics-service\"")
				.contains("resilience4j_circuitbreaker_state"));
		// bound by the gateway's own MeterBinder, on the breaker the routes really use
		assertThat(
				this.context.getBeansOfType(io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics.class))
			.hasSize(1);
		assertThat(this.context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.find("resilience4j.circuitbreaker.state")
			.tag("name", "statistics-service")
			.gauges()).isNotEmpty();
	}

	@Test
	void routesRefreshWithoutRestart() throws Exception {
		String token = token(KEY, claims().build());
		this.client.get()
			.uri("/api/v1/refreshed")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isNotFound();
		// what a Nacos config change does: a new property source with the whole route
		// list, then
		// ContextRefresher.refresh() (Nacos's RefreshEvent ends there)
		Map<String, Object> routes = new HashMap<>();
		String prefix = "spring.cloud.gateway.server.webflux.routes";
		int count = 0;
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& source.getName().contains("application.yml")) {
				for (String name : enumerable.getPropertyNames()) {
					if (name.startsWith(prefix + "[")) {
						routes.put(name, this.environment.getProperty(name));
						int index = Integer.parseInt(name.substring(prefix.length() + 1, name.indexOf(']')));
						count = Math.max(count, index + 1);
					}
				}
			}
		}
		assertThat(count).isGreaterThan(5);
		routes.put(prefix + "[" + count + "].id", "refreshed-route");
		routes.put(prefix + "[" + count + "].uri", "lb://proposal-service");
		routes.put(prefix + "[" + count + "].predicates[0]", "Path=/api/v1/refreshed");
		this.environment.getPropertySources().addFirst(new MapPropertySource("nacos-like-change", routes));
		try {
			this.refresher.refresh();
			int status = 0;
			for (int i = 0; i < 50 && status != 200; i++) {
				status = this.client.get()
					.uri("/api/v1/refreshed")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value();
				if (status != 200) {
					Thread.sleep(100);
				}
			}
			assertThat(status).isEqualTo(200);
			assertThat(proposal.count("/api/v1/refreshed")).isEqualTo(1);
		}
		finally {
			this.environment.getPropertySources().remove("nacos-like-change");
			this.refresher.refresh();
		}
	}

	// --- helpers

	static JwtClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.issuer("cppcc-proposal-platform")
			.audience(List.of("proposal-platform"))
			.subject("1001")
			.claim("preferred_username", "member1")
			.claim("roles", List.of("MEMBER"))
			.claim("token_kind", "user")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600));
	}

	static String token(RSAKey key, JwtClaimsSet claims) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	static String algNone(JwtClaimsSet claims) {
		String valid = token(KEY, claims);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + valid.split("\\.")[1] + ".";
	}

	static String tamper(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"MEMBER\"", "\"ADMIN\"");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

}
