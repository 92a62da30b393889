package cn.gov.cppcc.proposals.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stand-ins for the systems around this service in tests: department-service (token and
 * people), and free ports.
 */
public final class Stubs {

	private Stubs() {
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> params = new HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return params;
	}

	static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		exchange.close();
	}

	/**
	 * department-service: {@code /oauth2/token} and {@code /api/v1/internal/people}.
	 */
	public static final class Department {

		public final HttpServer server;

		public final AtomicBoolean down = new AtomicBoolean();

		public final List<Map<String, Object>> people = new CopyOnWriteArrayList<>();

		public final List<String> authorizations = new CopyOnWriteArrayList<>();

		private final JsonMapper json = JsonMapper.builder().build();

		Department() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			person("u-member1", "member1", "曹丽虹", "MEMBER", null, "13800000001");
			person("u-member2", "member2", "王委员", "MEMBER", null, "13800000002");
			person("u-member3", "member3", "李委员", "MEMBER", null, "13800000003");
			person("u-committee1", "committee1", "提案办", "COMMITTEE", null, null);
			person("u-handler-gxt", "handler-gxt", "工信厅经办", "UNIT_HANDLER", "7", "13900000007");
			person("u-leader-gxt", "leader-gxt", "工信厅负责人", "UNIT_LEADER", "7", null);
			person("u-handler-zwb", "handler-zwb", "政务办经办", "UNIT_HANDLER", "9", null);
			person("u-leader-zwb", "leader-zwb", "政务办负责人", "UNIT_LEADER", "9", null);
			person("u-handler-dsj", "handler-dsj", "大数据中心经办", "UNIT_HANDLER", "11", null);
			// a disabled account of unit 7: never told anything
			person("u-handler-gxt-old", "handler-gxt-old", "已停用经办", "UNIT_HANDLER", "7", null);
			this.people.get(this.people.size() - 1).put("enabled", false);
			this.server.createContext("/oauth2/token", (ex) -> {
				ex.getRequestBody().readAllBytes();
				respond(ex, 200, "application/json",
						"{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
			});
			this.server.createContext("/api/v1/internal/people", (ex) -> {
				this.authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
				if (this.down.get()) {
					respond(ex, 503, "application/problem+json",
							"{\"type\":\"/problems/dependency-unavailable\",\"status\":503,\"code\":\"dependency-unavailable\"}");
					return;
				}
				Map<String, String> q = query(ex);
				List<String> ids = q.containsKey("ids") ? Arrays.asList(q.get("ids").split(",")) : null;
				List<Map<String, Object>> found = new ArrayList<>();
				for (Map<String, Object> p : this.people) {
					if (q.containsKey("unitId") && !q.get("unitId").equals(p.get("unitId"))) {
						continue;
					}
					if (q.containsKey("role") && !((List<?>) p.get("roles")).contains(q.get("role"))) {
						continue;
					}
					if (ids != null && !ids.contains(p.get("id"))) {
						continue;
					}
					found.add(p);
				}
				respond(ex, 200, "application/json", this.json.writeValueAsString(found));
			});
			this.server.start();
		}

		public void person(String id, String username, String name, String role, String unitId, String phone) {
			Map<String, Object> p = new HashMap<>();
			p.put("id", id);
			p.put("username", username);
			p.put("name", name);
			p.put("roles", List.of(role));
			p.put("unitId", unitId);
			p.put("sector", null);
			p.put("email", username + "@example.gov.cn");
			p.put("phone", phone);
			p.put("enabled", true);
			p.put("extraFieldCallersIgnore", "x");
			this.people.add(p);
		}

		public String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

	}

	/**
	 * proposal-service's event feed: {@code GET /api/v1/events?after=&limit=}.
	 */
	public static final class Feed {

		public final HttpServer server;

		public final List<cn.gov.cppcc.proposals.common.event.EventEnvelope> events = new CopyOnWriteArrayList<>();

		public final AtomicBoolean failing = new AtomicBoolean();

		public final List<String> authorizations = new CopyOnWriteArrayList<>();

		private final JsonMapper json = JsonMapper.builder().build();

		Feed() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/api/v1/events", (ex) -> {
				this.authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
				if (this.failing.get()) {
					respond(ex, 500, "application/problem+json", "{\"status\":500,\"code\":\"internal\"}");
					return;
				}
				Map<String, String> q = query(ex);
				long after = Long.parseLong(q.get("after"));
				int limit = Integer.parseInt(q.get("limit"));
				List<cn.gov.cppcc.proposals.common.event.EventEnvelope> page = this.events.stream()
					.filter((e) -> e.position() > after)
					.limit(limit)
					.toList();
				long next = page.isEmpty() ? after : page.get(page.size() - 1).position();
				respond(ex, 200, "application/json", this.json.writeValueAsString(Map.of("items", page, "next", next)));
			});
			this.server.start();
		}

		public String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

	}

}
