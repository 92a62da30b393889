package cn.gov.cppcc.proposals.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small Chrome DevTools Protocol client: starts headless Chromium with
 * {@code --remote-debugging-port=0} and a throw-away profile, reads the browser's
 * WebSocket address from its stderr ("DevTools listening on ws://..."), and talks to it
 * over {@link java.net.http.WebSocket} (flat sessions: one socket, a page is addressed by
 * its sessionId). {@link #close()} always ends Chromium and every process it started and
 * deletes the profile.
 */
public final class Cdp implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final Path profile;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	/** Every event received, in order: method, params and sessionId. */
	private final List<Event> events = new CopyOnWriteArrayList<>();

	/** The last lines Chromium wrote to stderr, for failure messages. */
	private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

	private WebSocket socket;

	private Cdp(Process process, Path profile) {
		this.process = process;
		this.profile = profile;
	}

	/**
	 * The Chromium binary of this machine, or null when none is installed (Debian package
	 * {@code chromium}).
	 */
	public static Path binary() {
		for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	/**
	 * Starts headless Chromium ({@code --headless=new}) with a new temporary profile and
	 * connects to it.
	 * @param arguments more command-line switches, e.g. {@code --window-size=390,1400}
	 * @return the connected client; close it
	 */
	public static Cdp launch(String... arguments) throws IOException, InterruptedException {
		Path binary = binary();
		if (binary == null) {
			throw new IllegalStateException("no Chromium binary");
		}
		Path profile = Files.createTempDirectory("cdp-chromium-profile");
		List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--remote-debugging-port=0",
				"--user-data-dir=" + profile, "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--no-default-browser-check", "--disable-background-networking", "--disable-dev-shm-usage",
				"--disable-extensions", "--hide-scrollbars"));
		command.addAll(List.of(arguments));
		command.add("about:blank");
		Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		Cdp cdp = new Cdp(process, profile);
		try {
			cdp.connect(cdp.readWebSocketUrl());
			return cdp;
		}
		catch (InterruptedException | RuntimeException ex) {
			cdp.close();
			throw ex;
		}
	}

	private String readWebSocketUrl() throws InterruptedException {
		CompletableFuture<String> url = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (this.stderr.size() > 200) {
						this.stderr.remove(0);
					}
					this.stderr.add(line);
					Matcher matcher = LISTENING.matcher(line);
					if (matcher.find()) {
						url.complete(matcher.group(1));
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			url.completeExceptionally(new IllegalStateException("Chromium ended without a DevTools address"));
		}, "chromium-stderr");
		reader.setDaemon(true);
		reader.start();
		try {
			return url.get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("no 'DevTools listening on ws://' from Chromium within 60 s; stderr: "
					+ String.join("\n", this.stderr), ex);
		}
	}

	private void connect(String url) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create(url), new Listener())
			.join();
	}

	/**
	 * A browser-level command.
	 * @param method e.g. {@code Target.createTarget}
	 * @param params its parameters (JSON-serialisable), or null
	 * @return the command's result
	 */
	public JsonNode send(String method, Map<String, ?> params) {
		return send(null, method, params);
	}

	JsonNode send(String sessionId, String method, Map<String, ?> params) {
		long id = this.ids.incrementAndGet();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", id);
		message.put("method", method);
		message.put("params", (params != null) ? params : Map.of());
		if (sessionId != null) {
			message.put("sessionId", sessionId);
		}
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		try {
			synchronized (this) {
				this.socket.sendText(this.json.writeValueAsString(message), true).join();
			}
			JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (reply.has("error")) {
				throw new IllegalStateException(method + " failed: " + reply.get("error"));
			}
			return reply.get("result");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(method + ": no answer from Chromium", ex);
		}
		finally {
			this.pending.remove(id);
		}
	}

	/**
	 * A new page (tab) with the given size, attached in flat mode.
	 */
	public Page newPage() {
		String targetId = send("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asString();
		String sessionId = send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true)).get("sessionId")
			.asString();
		return new Page(targetId, sessionId);
	}

	/**
	 * Every event received so far.
	 */
	public List<Event> events() {
		return List.copyOf(this.events);
	}

	String stderrTail() {
		synchronized (this.stderr) {
			return String.join("\n", this.stderr.subList(Math.max(0, this.stderr.size() - 30), this.stderr.size()));
		}
	}

	/**
	 * Ends Chromium (politely, then by force, with all its child processes) and deletes
	 * its profile.
	 */
	@Override
	public void close() {
		List<ProcessHandle> children = this.process.descendants().toList();
		if (this.socket != null) {
			try {
				this.socket.sendText("{\"id\":" + this.ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true)
					.get(2, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// ending it by force below
			}
			this.socket.abort();
		}
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroy();
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
					this.process.waitFor(5, TimeUnit.SECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroyForcibly();
			}
		}
		deleteProfile();
	}

	private void deleteProfile() {
		for (int attempt = 0; attempt < 5 && Files.exists(this.profile); attempt++) {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException | UncheckedIOException ex) {
				// a child still writing: try again
			}
			if (Files.exists(this.profile)) {
				sleep(200);
			}
		}
	}

	boolean profileDeleted() {
		return !Files.exists(this.profile);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until the condition holds.
	 * @return whether it held before the timeout
	 */
	static boolean poll(Duration timeout, BooleanSupplier condition) {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			try {
				if (condition.getAsBoolean()) {
					return true;
				}
			}
			catch (IllegalStateException ex) {
				// e.g. the page's context went away while it navigated: ask again
			}
			sleep(200);
		}
		return condition.getAsBoolean();
	}

	/**
	 * A CDP event.
	 *
	 * @param method e.g. {@code Runtime.exceptionThrown}
	 * @param params its parameters
	 * @param sessionId the page session it came from, null for the browser
	 */
	public record Event(String method, JsonNode params, String sessionId) {

		@Override
		public String toString() {
			return this.method + " " + this.params;
		}

	}

	/**
	 * One page, addressed through its flat session.
	 */
	public final class Page {

		private final String targetId;

		private final String sessionId;

		Page(String targetId, String sessionId) {
			this.targetId = targetId;
			this.sessionId = sessionId;
		}

		public JsonNode send(String method, Map<String, ?> params) {
			return Cdp.this.send(this.sessionId, method, params);
		}

		/** The events of this page. */
		public List<Event> events() {
			return Cdp.this.events.stream().filter((e) -> this.sessionId.equals(e.sessionId())).toList();
		}

		/**
		 * Evaluates an expression in the page (promises awaited) and returns its value as
		 * JSON; a thrown exception fails.
		 */
		public JsonNode evaluate(String expression) {
			JsonNode result = send("Runtime.evaluate",
					Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
			if (result.has("exceptionDetails")) {
				throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
			}
			JsonNode value = result.get("result").get("value");
			return (value != null) ? value : Cdp.this.json.nullNode();
		}

		/**
		 * Evaluates an expression that returns {@code JSON.stringify(...)} and reads it.
		 */
		public JsonNode evaluateJson(String expression) {
			return Cdp.this.json.readTree(evaluate(expression).asString());
		}

		public void navigate(String url) {
			JsonNode result = send("Page.navigate", Map.of("url", url));
			if (result.has("errorText")) {
				throw new IllegalStateException("navigation to " + url + " failed: " + result.get("errorText"));
			}
		}

		/** A PNG of the whole page. */
		public void screenshot(Path file) throws IOException {
			JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, java.util.Base64.getDecoder().decode(shot.get("data").asString()));
		}

		public String targetId() {
			return this.targetId;
		}

	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				dispatch(message);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			Cdp.this.pending.values().forEach((answer) -> answer.completeExceptionally(error));
		}

		private void dispatch(String message) {
			JsonNode node = Cdp.this.json.readTree(message);
			if (node.has("id")) {
				CompletableFuture<JsonNode> answer = Cdp.this.pending.get(node.get("id").asLong());
				if (answer != null) {
					answer.complete(node);
				}
			}
			else if (node.has("method")) {
				JsonNode session = node.get("sessionId");
				Cdp.this.events.add(new Event(node.get("method").asString(), node.get("params"),
						(session != null) ? session.asString() : null));
			}
		}

	}

}
