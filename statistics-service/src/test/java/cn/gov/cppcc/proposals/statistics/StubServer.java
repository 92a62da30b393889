package cn.gov.cppcc.proposals.statistics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

/**
 * Stands in for the other services this one calls over HTTP: proposal-service's event
 * feed ({@code GET /api/v1/events}), department-service's token endpoint and unit list.
 * Tests set the feed, or replace the feed's answer (an error body, a slow answer).
 */
public final class StubServer {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** An answer that replaces the feed's normal one. */
	public interface Answer {

		void handle(HttpExchange exchange) throws IOException;

	}

	private final HttpServer server;

	/** The feed: positions 1 … size() without gaps, each event as JSON. */
	public interface Feed {

		long size();

		String json(long position);

	}

	private volatile Feed feed = new ListFeed(List.of());

	private final List<String> eventAuthorizations = new CopyOnWriteArrayList<>();

	private volatile Answer eventsOverride;

	private volatile boolean unitsDown;

	private volatile String serviceUrl;

	private final RSAKey key;

	private StubServer() throws IOException {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// department-service: the public keys and the sign-in the dashboard uses (any
		// password, role COMMITTEE)
		this.server.createContext("/oauth2/jwks",
				(ex) -> send(ex, 200, "application/json", new JWKSet(this.key.toPublicJWK()).toString()));
		this.server.createContext("/api/v1/auth/login", (ex) -> {
			Map<?, ?> body = JSON.readValue(ex.getRequestBody().readAllBytes(), Map.class);
			String token = token(String.valueOf(body.get("username")), "COMMITTEE");
			send(ex, 200, "application/json", "{\"accessToken\":\"" + token
					+ "\",\"refreshToken\":\"r\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}");
		});
		// the gateway: the dashboard and the statistics are passed on to the service
		// under test
		for (String prefix : List.of("/dashboard/", "/api/v1/statistics/", "/api/v1/public/")) {
			this.server.createContext(prefix, this::proxy);
		}
		this.server.createContext("/dashboard-harness.html", (ex) -> {
			try (var in = StubServer.class.getResourceAsStream("/dashboard-harness.html")) {
				send(ex, 200, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		});
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/oauth2/token", (ex) -> send(ex, 200, "application/json",
				"{\"access_token\":\"stub-service-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		this.server.createContext("/api/v1/units", (ex) -> {
			if (this.unitsDown) {
				send(ex, 503, "application/problem+json",
						"{\"type\":\"/problems/dependency-unavailable\",\"code\":\"dependency-unavailable\",\"status\":503}");
				return;
			}
			send(ex, 200, "application/json", "{\"items\":[{\"id\":\"7\",\"code\":\"gxt\",\"name\":\"省工业和信息化厅\"},"
					+ "{\"id\":\"9\",\"code\":\"zwb\",\"name\":\"省政务服务管理办公室\"}],\"page\":1,\"size\":100,\"total\":2}");
		});
		this.server.createContext("/api/v1/events", (ex) -> {
			this.eventAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
			Answer override = this.eventsOverride;
			if (override != null) {
				override.handle(ex);
				return;
			}
			long began = System.nanoTime();
			Map<String, String> query = query(ex.getRequestURI());
			long after = Long.parseLong(query.getOrDefault("after", "0"));
			int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
			Feed current = this.feed;
			long from = Math.max(after, 0) + 1;
			long to = Math.min(current.size(), after + limit);
			StringBuilder body = new StringBuilder("{\"items\":[");
			for (long position = from; position <= to; position++) {
				body.append((position > from) ? "," : "").append(current.json(position));
			}
			long next = (to >= from) ? to : after;
			send(ex, 200, "application/json", body.append("],\"next\":").append(next).append('}').toString());
			long millis = (System.nanoTime() - began) / 1_000_000;
			if (millis > 500) {
				System.out.println("STUB slow page after " + after + ": " + millis + " ms");
			}
		});
		this.server.start();
	}

	public static StubServer start() {
		try {
			return new StubServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void setFeed(List<EventEnvelope> events) {
		this.feed = new ListFeed(events);
	}

	public void setFeed(Feed feed) {
		this.feed = feed;
	}

	private static final class ListFeed implements Feed {

		private final List<String> json = new ArrayList<>();

		ListFeed(List<EventEnvelope> events) {
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i).position() != i + 1) {
					throw new IllegalArgumentException("feed positions must be 1, 2, 3 …");
				}
				this.json.add(JSON.writeValueAsString(events.get(i)));
			}
		}

		@Override
		public long size() {
			return this.json.size();
		}

		@Override
		public String json(long position) {
			return this.json.get((int) position - 1);
		}

	}

	public void overrideEvents(Answer override) {
		this.eventsOverride = override;
	}

	public void setServiceUrl(String url) {
		this.serviceUrl = url;
	}

	/** An access token as department-service would sign it. */
	public String token(String username, String... roles) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("cppcc-proposal-platform")
				.audience("proposal-platform")
				.subject("u-" + username)
				.claim("preferred_username", username)
				.claim("roles", List.of(roles))
				.claim("token_kind", "user")
				.jwtID(java.util.UUID.randomUUID().toString())
				.issueTime(new java.util.Date())
				.expirationTime(new java.util.Date(System.currentTimeMillis() + 3_600_000))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void proxy(HttpExchange ex) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.serviceUrl + ex.getRequestURI()))
			.method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
		String authorization = ex.getRequestHeaders().getFirst("Authorization");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			answer.headers()
				.firstValue("Content-Type")
				.ifPresent((t) -> ex.getResponseHeaders().add("Content-Type", t));
			byte[] body = answer.body();
			ex.sendResponseHeaders(answer.statusCode(), (body.length == 0) ? -1 : body.length);
			try (OutputStream out = ex.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IOException(interrupted);
		}
	}

	public void setUnitsDown(boolean down) {
		this.unitsDown = down;
	}

	public List<String> eventAuthorizations() {
		return this.eventAuthorizations;
	}

	public static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", contentType);
		ex.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = ex.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> result = new HashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					result.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
		}
		return result;
	}

}
