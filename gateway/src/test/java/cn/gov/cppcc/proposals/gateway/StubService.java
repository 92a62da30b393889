package cn.gov.cppcc.proposals.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one downstream service: answers JSON, remembers what reached it.
 */
final class StubService implements AutoCloseable {

	record Seen(String method, String path, Headers headers, int bodyLength) {
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

	interface Handler {

		String handle(HttpExchange exchange) throws Exception;

	}

	/**
	 * Thrown by a handler to answer with a bare status.
	 */
	static final class Status extends RuntimeException {

		final int code;

		Status(int code) {
			super(null, null, false, false);
			this.code = code;
		}

	}

	StubService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::serve);
		this.server.start();
	}

	StubService on(String path, Handler handler) {
		this.handlers.put(path, handler);
		return this;
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Seen> seen() {
		return this.seen;
	}

	int count(String path) {
		AtomicInteger count = this.counts.get(path);
		return (count != null) ? count.get() : 0;
	}

	Seen last(String path) {
		for (int i = this.seen.size() - 1; i >= 0; i--) {
			if (this.seen.get(i).path().equals(path)) {
				return this.seen.get(i);
			}
		}
		return null;
	}

	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		int length;
		try (InputStream body = exchange.getRequestBody()) {
			length = body.readAllBytes().length;
		}
		this.seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), length));
		this.counts.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
		Handler handler = this.handlers.get(path);
		try {
			String body = (handler != null) ? handler.handle(exchange) : "{\"path\":\"" + path + "\"}";
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			// like every service (common's RequestIdFilter), echo the request id
			String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
			if (requestId != null) {
				exchange.getResponseHeaders().set("X-Request-Id", requestId);
			}
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		catch (Status status) {
			exchange.sendResponseHeaders(status.code, -1);
		}
		catch (Exception ex) {
			exchange.sendResponseHeaders(500, -1);
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
