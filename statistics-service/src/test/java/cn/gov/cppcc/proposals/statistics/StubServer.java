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

	/** An answer that replaces the feed's normal one. */
	public interface Override {

		void handle(HttpExchange exchange) throws IOException;

	}

	private final HttpServer server;

	private final List<EventEnvelope> feed = new CopyOnWriteArrayList<>();

	private final List<String> eventAuthorizations = new CopyOnWriteArrayList<>();

	private volatile Override eventsOverride;

	private volatile boolean unitsDown;

	private StubServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
			Override override = this.eventsOverride;
			if (override != null) {
				override.handle(ex);
				return;
			}
			Map<String, String> query = query(ex.getRequestURI());
			long after = Long.parseLong(query.getOrDefault("after", "0"));
			int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
			List<EventEnvelope> items = new ArrayList<>();
			for (EventEnvelope e : this.feed) {
				if (e.position() > after && items.size() < limit) {
					items.add(e);
				}
			}
			long next = items.isEmpty() ? after : items.get(items.size() - 1).position();
			send(ex, 200, "application/json", JSON.writeValueAsString(Map.of("items", items, "next", next)));
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
		this.feed.clear();
		this.feed.addAll(events);
	}

	public void overrideEvents(Override override) {
		this.eventsOverride = override;
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
