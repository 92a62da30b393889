package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: the README's integration guide works word for word. The shell blocks of its
 * section "For integrating government systems" are taken from README.md and run with bash
 * against the platform; only {@code http://localhost:8080} (the gateway) and
 * {@code https://your-system/hooks} (a receiver in this test, on a loopback address an
 * ADMIN allowed) are replaced.
 */
class IntegrationGuideIT {

	static final String GUIDE_GATEWAY = "http://localhost:8080";

	static final String GUIDE_HOOK = "https://your-system/hooks";

	static Platform platform;

	static HttpServer receiver;

	static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	record Delivery(String id, String timestamp, String signature, String body) {
	}

	@BeforeAll
	static void start() throws IOException {
		platform = Platform.get();
		receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/hooks", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"),
					new String(body, StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterAll
	static void stop() {
		if (receiver != null) {
			receiver.stop(0);
		}
	}

	/** The bash blocks of the README's integration section, in order. */
	static List<String> guideBlocks() throws IOException {
		String readme = Files.readString(platform.root.resolve("README.md"));
		int start = readme.indexOf("## For integrating government systems");
		assertThat(start).as("the README's integration guide").isNotNegative();
		int end = readme.indexOf("\n## ", start + 10);
		String section = readme.substring(start, (end > 0) ? end : readme.length());
		List<String> blocks = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?s)```bash\\n(.*?)\\n\\s*```").matcher(section);
		while (matcher.find()) {
			// the guide's blocks are indented under their list item
			blocks.add(matcher.group(1).replaceAll("(?m)^   ", ""));
		}
		assertThat(blocks).as("token, feed, subscribe, verify").hasSize(4);
		return blocks;
	}

	static String hookUrl() {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
	}

	/** Runs guide text with bash; answers stdout (stderr is kept for the message). */
	static String bash(String script, Map<String, String> environment) throws Exception {
		String text = script.replace(GUIDE_GATEWAY, Platform.gateway()).replace(GUIDE_HOOK, hookUrl());
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", text);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		int code = process.waitFor();
		return out + ((code != 0 || !err.isBlank()) ? "\n[exit " + code + "] " + err : "");
	}

	@Test
	void theGuideWorksWordForWord() throws Exception {
		List<String> blocks = guideBlocks();

		// 1 + 2: a client-credentials token, then the event feed from cursor 0
		String feedOut = bash(blocks.get(0) + "\n" + blocks.get(1) + "\nprintf '\\nTOKEN=%s\\n' \"$T\"\n", Map.of());
		Matcher token = Pattern.compile("\\nTOKEN=(\\S+)").matcher(feedOut);
		assertThat(token.find()).as(feedOut).isTrue();
		String t = token.group(1);
		assertThat(t.split("\\.")).as("a JWT, not an error body: " + t).hasSize(3);
		JsonNode feed = platform.json.readTree(feedOut.substring(0, feedOut.indexOf("\nTOKEN=")).strip());
		assertThat(feed.get("items").isArray()).as(feedOut).isTrue();
		assertThat(feed.get("items").get(0).get("position").asLong()).isEqualTo(1);
		assertThat(feed.get("items").get(0).get("id").asString()).isNotBlank();
		assertThat(feed.get("next").asLong())
			.isEqualTo(feed.get("items").get(feed.get("items").size() - 1).get("position").asLong());

		// 3: subscribe (an ADMIN allows the receiver's loopback host first, as the guide
		// says)
		Response allowed = platform.post("/api/v1/webhooks/allowed-hosts", "admin", Map.of("host", "127.0.0.1"));
		assertThat(allowed.status()).as(allowed.toString()).isIn(200, 201, 409);
		String subscribeOut = bash(blocks.get(1 + 1), Map.of("T", t));
		JsonNode subscription = platform.json.readTree(subscribeOut.strip());
		assertThat(subscription.get("url").asString()).as(subscribeOut).isEqualTo(hookUrl());
		assertThat(subscription.get("enabled").asBoolean()).isTrue();
		Matcher secretInGuide = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(blocks.get(2));
		assertThat(secretInGuide.find()).isTrue();
		String secret = secretInGuide.group(1);

		// an event the guide subscribed to: a proposal answered by its lead unit
		String proposal = replySubmitted();

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> deliveries.stream()
				.anyMatch((d) -> d.body().contains("\"aggregateId\":\"" + proposal + "\"")));
		Delivery delivery = deliveries.stream()
			.filter((d) -> d.body().contains("\"aggregateId\":\"" + proposal + "\""))
			.findFirst()
			.orElseThrow();
		assertThat(delivery.body()).contains("\"type\":\"proposal.reply-submitted\"");
		assertThat(delivery.id()).isNotBlank();
		assertThat(delivery.signature()).startsWith("v1,");

		// 3: verify the signature exactly as the guide does
		Map<String, String> received = Map.of("WEBHOOK_ID", delivery.id(), "WEBHOOK_TIMESTAMP", delivery.timestamp(),
				"WEBHOOK_SIGNATURE", delivery.signature(), "BODY", delivery.body(), "SECRET", secret);
		assertThat(bash(blocks.get(3), received).strip()).isEqualTo("valid");
		Map<String, String> tampered = new java.util.HashMap<>(received);
		tampered.put("BODY", delivery.body().replace("proposal.reply-submitted", "proposal.reply-submitteD"));
		assertThat(bash(blocks.get(3), tampered)).doesNotContain("valid");
		Map<String, String> otherSecret = new java.util.HashMap<>(received);
		otherSecret.put("SECRET", secret + "x");
		assertThat(bash(blocks.get(3), otherSecret)).doesNotContain("valid");

		// the delivery log the guide points to
		Response log = platform.sendTo(Platform.gateway(), "GET",
				"/api/v1/webhooks/" + subscription.get("id").asString() + "/deliveries", t, null);
		assertThat(log.status()).as(log.toString()).isEqualTo(200);
		assertThat(log.body()).contains(delivery.id());
	}

	/** Member1 → committee files and assigns to 省工业和信息化厅 → its leader replies. */
	private String replySubmitted() {
		Response draft = platform.post("/api/v1/proposals", "member1", Map.of("title", "关于12345热线与提案办理数据互通的提案",
				"content", "建议打通12345热线与提案办理平台的数据。", "category", "经济建设", "suggestions", List.of("建立数据互通机制")));
		assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
		String id = draft.json().get("id").asString();
		assertThat(platform.post("/api/v1/proposals/" + id + "/submit", "member1", null).status()).isEqualTo(200);
		Response filed = platform.post("/api/v1/proposals/" + id + "/review", "committee1",
				Map.of("decision", "FILE", "category", "经济建设"));
		assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
		Response assigned = platform.post("/api/v1/proposals/" + id + "/assignment", "committee1",
				Map.of("mode", "LEAD", "leadUnitId", "2"));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		Response saved = platform.put("/api/v1/proposals/" + id + "/reply", "handler-gxt",
				Map.of("resultClass", "A", "body", "答复正文:已建立数据互通机制。", "sections",
						List.of(Map.of("suggestionIndex", 1, "text", "已与12345热线建立数据互通机制。")), "signer", "张厅长",
						"contactName", "李处长", "contactPhone", "13912345678"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		Response sent = platform.post("/api/v1/proposals/" + id + "/reply/submit", "leader-gxt", null);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return id;
	}

	/**
	 * An integrating system in Java with the JDK's client as it comes (HTTP/2 preferred:
	 * an h2c upgrade request on every new connection) is answered at once, GET and POST
	 * with a body, over HTTP/1.1 (the gateway does not take up h2c). A 30 s wait was once
	 * seen for such a request to a fresh gateway; it did not recur in 3 restarts × 21
	 * requests (gateway/CANVAS.md), and this keeps watching for it.
	 */
	@Test
	void aJavaClientWithTheJdkDefaultsIsAnsweredAtOnce() throws Exception {
		for (int i = 0; i < 3; i++) {
			HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			assertThat(fresh.version()).isEqualTo(HttpClient.Version.HTTP_2);
			HttpResponse<String> get = fresh
				.send(HttpRequest.newBuilder(URI.create(Platform.gateway() + "/api/v1/public/replies"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(get.statusCode()).isEqualTo(200);
			assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
			HttpResponse<String> post = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(HttpRequest.newBuilder(URI.create(Platform.gateway() + "/oauth2/token"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Authorization",
							"Basic " + java.util.Base64.getEncoder()
								.encodeToString("demo-12345:Demo@2026".getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
			assertThat(post.body()).contains("access_token");
		}
	}

}
