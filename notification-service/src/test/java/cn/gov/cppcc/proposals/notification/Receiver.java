package cn.gov.cppcc.proposals.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver outside the platform: records what it gets and answers with the
 * queued status codes (then 200).
 */
final class Receiver implements AutoCloseable {

	final HttpServer server;

	final List<Request> requests = new CopyOnWriteArrayList<>();

	final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

	Receiver(Integer... answers) throws IOException {
		this.statuses.addAll(List.of(answers));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/hook", (ex) -> {
			String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(new Request(Map.of("webhook-id", ex.getRequestHeaders().getFirst("webhook-id"),
					"webhook-timestamp", ex.getRequestHeaders().getFirst("webhook-timestamp"), "webhook-signature",
					ex.getRequestHeaders().getFirst("webhook-signature")), body));
			Integer status = this.statuses.poll();
			Stubs.respond(ex, (status != null) ? status : 200, "text/plain", "");
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Request(Map<String, String> headers, String body) {
	}

}
