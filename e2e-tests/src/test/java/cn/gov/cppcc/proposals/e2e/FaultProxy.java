package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small fault-injecting HTTP proxy placed between the callers and one service (the
 * platform's static discovery points at it: {@code PLATFORM_<SERVICE>_URL} of run.sh).
 * {@link Mode#PASS} forwards every call; {@link Mode#SLOW} waits {@code delay} first;
 * {@link Mode#FAIL_HALF} drops the connection without an answer on about half the calls
 * (what a crashing or overloaded instance looks like to a caller) and forwards the
 * others. Counts calls per mode, so a drill can see when a caller's breaker stops
 * calling.
 */
final class FaultProxy implements AutoCloseable {

	enum Mode {

		PASS, SLOW, FAIL_HALF

	}

	private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "date", "expect", "from",
			"host", "upgrade", "via", "warning", "keep-alive", "transfer-encoding", "te", "trailer",
			"proxy-connection");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((r) -> {
		Thread thread = new Thread(r, "fault-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final int targetPort;

	private final Random random = new Random(42);

	private volatile Mode mode = Mode.PASS;

	private volatile Duration delay = Duration.ZERO;

	final AtomicLong calls = new AtomicLong();

	final AtomicLong injected = new AtomicLong();

	FaultProxy(int targetPort) {
		this.targetPort = targetPort;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void pass() {
		this.mode = Mode.PASS;
	}

	void slow(Duration delay) {
		this.delay = delay;
		this.mode = Mode.SLOW;
	}

	void failHalf() {
		this.mode = Mode.FAIL_HALF;
	}

	Mode mode() {
		return this.mode;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.calls.incrementAndGet();
			Mode now = this.mode;
			if (now == Mode.SLOW) {
				this.injected.incrementAndGet();
				try {
					Thread.sleep(this.delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			if (now == Mode.FAIL_HALF) {
				boolean fail;
				synchronized (this.random) {
					fail = this.random.nextBoolean();
				}
				if (fail) {
					this.injected.incrementAndGet();
					// the JDK server closes the connection without an answer when a
					// handler throws
					throw new IOException("injected fault");
				}
			}
			forward(exchange);
		}
	}

	private void forward(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.targetPort + exchange.getRequestURI().toString()))
			.timeout(Duration.ofSeconds(60))
			.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
			if (HOP_HEADERS.contains(header.getKey().toLowerCase())) {
				continue;
			}
			for (String value : header.getValue()) {
				try {
					request.header(header.getKey(), value);
				}
				catch (IllegalArgumentException ex) {
					// a header the JDK client refuses to set
				}
			}
		}
		HttpResponse<byte[]> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
			if (!HOP_HEADERS.contains(header.getKey().toLowerCase()) && !header.getKey().startsWith(":")) {
				exchange.getResponseHeaders().put(header.getKey(), header.getValue());
			}
		}
		byte[] answer = response.body();
		boolean empty = answer.length == 0 || response.statusCode() == 204 || response.statusCode() == 304
				|| "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
		if (!empty) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
