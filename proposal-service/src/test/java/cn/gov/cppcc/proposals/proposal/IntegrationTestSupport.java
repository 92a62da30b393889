package cn.gov.cppcc.proposals.proposal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every full-context test: the real service on a random port, the
 * real embedded MariaDB and Flyway migrations, tokens signed with a test RSA key, and
 * department-service's unit directory answered by a small stub HTTP server (a system
 * outside this module).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.deadlines.cron=-", "platform.outbox.relay-delay=100ms", "platform.units.cache-ttl=0s",
				// the instance refresher runs only when a test calls it
				"platform.refresh.delay=1h", "spring.cloud.openfeign.client.config.department-service.read-timeout=500",
				// ConcurrencyTests queue 100-200 requests on the 10-connection pool: on a
				// loaded
				// 2-core machine they wait longer for a connection than production's 5 s
				// fast-fail budget (which the database fault drill checks), and 503s
				// would hide
				// what these tests check (numbering and locking under contention)
				"spring.datasource.hikari.connection-timeout=30000", StatementCounter.PROPERTY })
@Import(IntegrationTestSupport.TestSecurity.class)
public abstract class IntegrationTestSupport {

	static final KeyPair KEYS = keys();

	/** When set, the stub directory answers 503 to everything. */
	static final AtomicBoolean DIRECTORY_DOWN = new AtomicBoolean();

	static final HttpServer DIRECTORY = directory();

	@DynamicPropertySource
	static void directoryUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.department-service[0].uri",
				() -> "http://127.0.0.1:" + DIRECTORY.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	/** The province's zone: deadlines and working days are counted in it. */
	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** How many events of this type the proposal has in the outbox. */
	int events(String id, String type) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = ?")
			.params(id, type)
			.query(Integer.class)
			.single();
	}

	/** How many audit entries the proposal has for this action and result. */
	int audited(String id, String action, String result) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target_id = ? AND action = ? AND result = ?")
			.params(id, action, result)
			.query(Integer.class)
			.single();
	}

	@Autowired
	JwtEncoder encoder;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	// --- tokens for the demo accounts (API.md) -------------------------------------

	String member1() {
		return user("1001", "member1", "MEMBER", null);
	}

	String member2() {
		return user("1002", "member2", "MEMBER", null);
	}

	String member3() {
		return user("1003", "member3", "MEMBER", null);
	}

	String committee() {
		return user("2001", "committee1", "COMMITTEE", null);
	}

	String handlerGxt() {
		return user("3001", "handler-gxt", "UNIT_HANDLER", "2");
	}

	String leaderGxt() {
		return user("3002", "leader-gxt", "UNIT_LEADER", "2");
	}

	String handlerZwb() {
		return user("3003", "handler-zwb", "UNIT_HANDLER", "3");
	}

	String leaderZwb() {
		return user("3004", "leader-zwb", "UNIT_LEADER", "3");
	}

	String handlerDsj() {
		return user("3005", "handler-dsj", "UNIT_HANDLER", "4");
	}

	String admin() {
		return user("9001", "admin", "ADMIN", null);
	}

	String user(String id, String username, String role, String unitId) {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("cppcc-proposal-platform")
			.audience(List.of("proposal-platform"))
			.subject(id)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(3600))
			.claim("preferred_username", username)
			.claim("roles", List.of(role))
			.claim("token_kind", "user");
		if (unitId != null) {
			claims.claim("unit_id", unitId);
		}
		return encode(claims.build());
	}

	String client(String clientId, String scope) {
		return encode(JwtClaimsSet.builder()
			.issuer("cppcc-proposal-platform")
			.audience(List.of("proposal-platform"))
			.subject(clientId)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(3600))
			.claim("scope", scope)
			.claim("token_kind", "client")
			.build());
	}

	private String encode(JwtClaimsSet claims) {
		return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	// --- HTTP ------------------------------------------------------------------------

	record Resp(int status, HttpResponse<String> raw, JsonNode body) {

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		String code() {
			return this.body.path("code").asString(null);
		}

	}

	Resp call(String method, String path, String token, Object body, String... headers) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(30));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			String text = (body == null) ? null : (body instanceof String s) ? s : this.json.writeValueAsString(body);
			if (text != null) {
				request.header("Content-Type", "application/json");
			}
			request.method(method, (text != null) ? HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody());
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			JsonNode node = (response.body() == null || response.body().isBlank()) ? this.json.createObjectNode()
					: this.json.readTree(response.body());
			return new Resp(response.statusCode(), response, node);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Resp get(String path, String token) {
		return call("GET", path, token, null);
	}

	Resp post(String path, String token, Object body, String... headers) {
		return call("POST", path, token, body, headers);
	}

	Resp put(String path, String token, Object body, String... headers) {
		return call("PUT", path, token, body, headers);
	}

	static Map<String, Object> draft(String title, List<String> suggestions, List<String> coProposerIds) {
		return Map.of("title", title, "content", title + "：现状、问题分析与建议。", "category", "经济建设", "suggestions", suggestions,
				"coProposerIds", coProposerIds);
	}

	/** A new proposal of member1, submitted; its id. */
	String submitted(String title) {
		Resp created = post("/api/v1/proposals", member1(), draft(title, List.of("建议一", "建议二"), List.of()));
		String id = created.body().path("id").asString();
		post("/api/v1/proposals/" + id + "/submit", member1(), null);
		return id;
	}

	String filed(String title) {
		String id = submitted(title);
		Resp filed = post("/api/v1/proposals/" + id + "/review", committee(), Map.of("decision", "FILE"));
		if (filed.status() != 200) {
			throw new IllegalStateException("filing failed: " + filed.body());
		}
		return id;
	}

	String assigned(String title) {
		String id = filed(title);
		Resp assigned = post("/api/v1/proposals/" + id + "/assignment", committee(),
				Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3")));
		if (assigned.status() != 200) {
			throw new IllegalStateException("assignment failed: " + assigned.body());
		}
		return id;
	}

	// --- infrastructure ----------------------------------------------------------------

	private static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * department-service's {@code GET /api/v1/units/{id}}: units 1-6 and 101-113 are
	 * active departments and cities, 90 is a CPPCC body, 91 is inactive, anything else
	 * 404.
	 */
	private static HttpServer directory() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			Set<String> active = new java.util.HashSet<>(List.of("1", "2", "3", "4", "5", "6"));
			for (int i = 101; i <= 113; i++) {
				active.add(Integer.toString(i));
			}
			server.createContext("/api/v1/units/", (exchange) -> {
				String id = exchange.getRequestURI().getPath().substring("/api/v1/units/".length());
				int status;
				String body;
				if (DIRECTORY_DOWN.get()) {
					status = 503;
					body = "{\"status\":503,\"code\":\"unavailable\"}";
				}
				else if (active.contains(id)) {
					status = 200;
					body = "{\"id\":\"" + id + "\",\"code\":\"U" + id + "\",\"name\":\"单位" + id
							+ "\",\"type\":\"PROVINCIAL_DEPARTMENT\",\"active\":true}";
				}
				else if ("92".equals(id)) {
					// slower than the read timeout
					try {
						Thread.sleep(2000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					status = 200;
					body = "{\"id\":\"92\",\"name\":\"慢单位\",\"type\":\"PROVINCIAL_DEPARTMENT\"}";
				}
				else if ("90".equals(id)) {
					status = 200;
					body = "{\"id\":\"90\",\"name\":\"提案委员会\",\"type\":\"CPPCC_BODY\",\"active\":true}";
				}
				else if ("91".equals(id)) {
					status = 200;
					body = "{\"id\":\"91\",\"name\":\"已撤销单位\",\"type\":\"PROVINCIAL_DEPARTMENT\",\"active\":false}";
				}
				else {
					status = 404;
					body = "{\"status\":404,\"code\":\"not-found\"}";
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders()
					.add("Content-Type", (status == 200) ? "application/json" : "application/problem+json");
				exchange.sendResponseHeaders(status, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			});
			server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestSecurity {

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
		}

		@Bean
		JwtEncoder jwtEncoder() {
			RSAKey key = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic())
				.privateKey((RSAPrivateKey) KEYS.getPrivate())
				.build();
			return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		}

	}

}
