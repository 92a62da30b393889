package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform as a newcomer runs it: {@code deploy/local/run.sh --detach} starts
 * the embedded MariaDB and the five jars as separate processes (ports moved to
 * 18080-18084 so a running local platform is not disturbed), once per test JVM;
 * {@code run.sh stop} stops them at the end. Tests talk to the gateway over real HTTP.
 */
public final class Platform {

	public static final int PORT_BASE = Integer.getInteger("platform.e2e.port-base", 18080);

	public static final String DEMO_PASSWORD = "Demo@2026";

	private static Platform instance;

	final Path root;

	final Path runDir;

	final int dbPort;

	private final FaultProxy departmentProxy;

	// HTTP/1.1 like curl and the portal: the JDK client otherwise tries an h2c upgrade on
	// each new connection, and one
	// such request to a freshly started gateway was seen to wait 30 s (CI run of
	// 2026-11-28, /actuator/info)
	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Connections that reached the Nacos ports while the platform ran (must stay zero in
	 * the embedded mode).
	 */
	final AtomicInteger nacosConnections = new AtomicInteger();

	private final List<ServerSocket> nacosTraps = new ArrayList<>();

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private volatile long tokensSince = System.nanoTime();

	private Platform() {
		this.root = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
		this.runDir = Path.of(System.getProperty("platform.e2e.run-dir", "target/e2e-run")).toAbsolutePath();
		this.dbPort = Integer.getInteger("platform.e2e.db-port", 0) > 0 ? Integer.getInteger("platform.e2e.db-port")
				: freePort();
		// fault drills (-Pdrills): every caller of department-service reaches it through
		// a proxy the drill can slow down or break (FaultProxy, SlowDepartmentDrill)
		this.departmentProxy = Boolean.getBoolean("platform.e2e.department-proxy")
				? new FaultProxy(port("department-service")) : null;
	}

	/**
	 * The proxy in front of department-service, or null when the platform was started
	 * without one ({@code -Dplatform.e2e.department-proxy=true}, on in the drills
	 * profile).
	 */
	FaultProxy departmentProxy() {
		return this.departmentProxy;
	}

	public static synchronized Platform get() {
		if (instance == null) {
			Platform platform = new Platform();
			platform.start();
			Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-stop"));
			instance = platform;
		}
		return instance;
	}

	private void start() {
		trapNacos(8848);
		trapNacos(9848);
		run("stop");
		int code = run("--detach");
		if (code != 0) {
			throw new IllegalStateException(
					"run.sh --detach failed with " + code + "; see " + this.runDir.resolve("logs"));
		}
	}

	void stop() {
		run("stop");
		for (ServerSocket trap : this.nacosTraps) {
			try {
				trap.close();
			}
			catch (IOException ex) {
				// closing
			}
		}
	}

	int run(String command) {
		return runArgs(command);
	}

	int runArgs(String... args) {
		try {
			Files.createDirectories(this.runDir);
			List<String> commandLine = new ArrayList<>(
					List.of("bash", this.root.resolve("deploy/local/run.sh").toString()));
			commandLine.addAll(List.of(args));
			ProcessBuilder builder = new ProcessBuilder(commandLine);
			builder.environment().put("PLATFORM_RUN_DIR", this.runDir.toString());
			builder.environment().put("PLATFORM_PORT_BASE", String.valueOf(PORT_BASE));
			builder.environment().put("PLATFORM_DB_PORT", String.valueOf(this.dbPort));
			if (this.departmentProxy != null) {
				builder.environment()
					.put("PLATFORM_DEPARTMENT_SERVICE_URL", "http://127.0.0.1:" + this.departmentProxy.port());
			}
			builder.environment()
				.put("PLATFORM_READY_TIMEOUT", System.getProperty("platform.e2e.ready-timeout", "420"));
			// many logins from one address in a short test run: the login limit stays on,
			// sized for the suite
			builder.environment().put("PLATFORM_GATEWAY_RATELIMIT_LOGIN_CAPACITY", "300");
			builder.environment().put("PLATFORM_GATEWAY_RATELIMIT_PUBLICAPI_CAPACITY", "1000");
			if (Boolean.getBoolean("platform.e2e.department-proxy")) {
				// fault drills send thousands of requests from one address and a few
				// users: the
				// limits stay on, sized for them
				builder.environment().put("PLATFORM_GATEWAY_RATELIMIT_PUBLICAPI_CAPACITY", "100000");
				builder.environment().put("PLATFORM_GATEWAY_RATELIMIT_ANONYMOUS_CAPACITY", "100000");
				builder.environment().put("PLATFORM_GATEWAY_RATELIMIT_AUTHENTICATED_CAPACITY", "100000");
				builder.environment().put("PLATFORM_GATEWAY_RATELIMIT_LOGIN_CAPACITY", "10000");
			}
			builder.redirectErrorStream(true);
			builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.runDir.resolve("run.sh.out").toFile()));
			Process process = builder.start();
			return process.waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Holds a Nacos port open and counts anyone who connects: the embedded mode must
	 * never contact Nacos.
	 */
	private void trapNacos(int port) {
		try {
			ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			this.nacosTraps.add(socket);
			Thread thread = new Thread(() -> {
				while (!socket.isClosed()) {
					try (Socket ignored = socket.accept()) {
						this.nacosConnections.incrementAndGet();
					}
					catch (IOException ex) {
						// closed
					}
				}
			}, "nacos-trap-" + port);
			thread.setDaemon(true);
			thread.start();
		}
		catch (IOException ex) {
			// something else listens there; the test that checks it will say so
		}
	}

	boolean nacosTrapsActive() {
		return this.nacosTraps.size() == 2;
	}

	public static String gateway() {
		return "http://127.0.0.1:" + PORT_BASE;
	}

	public static int port(String app) {
		return switch (app) {
			case "gateway" -> PORT_BASE;
			case "department-service" -> PORT_BASE + 1;
			case "proposal-service" -> PORT_BASE + 2;
			case "statistics-service" -> PORT_BASE + 3;
			case "notification-service" -> PORT_BASE + 4;
			default -> throw new IllegalArgumentException(app);
		};
	}

	public long pid(String app) {
		try {
			return Long.parseLong(Files.readString(this.runDir.resolve("pids/" + app + ".pid")).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A bearer token for a demo account, from a real login through the gateway (cached
	 * per user).
	 */
	public String token(String username) {
		if (this.tokens.size() > 0 && System.nanoTime() - this.tokensSince > Duration.ofMinutes(10).toNanos()) {
			// access tokens live 15 minutes: log in again well before that
			this.tokens.clear();
			this.tokensSince = System.nanoTime();
		}
		return this.tokens.computeIfAbsent(username, (user) -> {
			Response login = send("POST", "/api/v1/auth/login", null,
					Map.of("username", user, "password", DEMO_PASSWORD));
			if (login.status() != 200) {
				throw new IllegalStateException("login of " + user + " failed: " + login.status() + " " + login.body());
			}
			return login.json().get("accessToken").asString();
		});
	}

	public String clientToken(String clientId, String secret) {
		String form = "grant_type=client_credentials";
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway() + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		Response answer = exchange(request);
		if (answer.status() != 200) {
			throw new IllegalStateException("client token failed: " + answer.status() + " " + answer.body());
		}
		return answer.json().get("access_token").asString();
	}

	public Response get(String path, String username) {
		return send("GET", path, username, null);
	}

	public Response post(String path, String username, Object body) {
		return send("POST", path, username, body);
	}

	public Response put(String path, String username, Object body) {
		return send("PUT", path, username, body);
	}

	public Response send(String method, String path, String username, Object body, String... headers) {
		return sendTo(gateway(), method, path, (username != null) ? token(username) : null, body, headers);
	}

	public Response sendTo(String base, String method, String path, String bearer, Object body, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json, application/problem+json");
		if (bearer != null) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.setHeader(headers[i], headers[i + 1]);
		}
		if (body == null) {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			String text = (body instanceof String raw) ? raw : this.json.writeValueAsString(body);
			builder.header("Content-Type", "application/json");
			builder.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
		}
		return exchange(builder.build());
	}

	Response exchange(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().map(), response.body(), this.json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status status code
	 * @param headers headers
	 * @param body body text
	 * @param mapper JSON reader
	 */
	public record Response(int status, Map<String, List<String>> headers, String body, JsonMapper mapper) {

		public JsonNode json() {
			return this.mapper.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.flatMap((e) -> e.getValue().stream())
				.findFirst()
				.orElse(null);
		}

		public boolean isProblem() {
			String type = header("Content-Type");
			return type != null && type.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
