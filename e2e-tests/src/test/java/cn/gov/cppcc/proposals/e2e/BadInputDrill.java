package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

/**
 * Fault drill: a few thousand malformed, oversized, wrongly typed, unknown-enum, injected
 * (SQL, script, path traversal, header/CRLF) and unauthorised requests against every
 * endpoint — the endpoints of every service's OpenAPI spec (fetched through the gateway)
 * plus every row of API.md ({@code drill.api-md}, default /work/shared/docs/API.md, when
 * present) — through the gateway and straight at each service.
 * <p>
 * Checks: zero 5xx, zero stack traces (or exception class names) in any body, every error
 * answer {@code application/problem+json}, and the data unchanged (counts and records
 * read through the API before and after). Requests that change something when valid are
 * only ever sent invalid (bad body, bad id, wrong caller), so any change is a defect.
 */
class BadInputDrill {

	private static final List<String> SERVICES = List.of("department-service", "proposal-service", "statistics-service",
			"notification-service");

	private static final Pattern STACK = Pattern.compile(
			"(\\tat |\\bat [a-z]+\\.[a-z]+\\.|\\.java:\\d+\\)|Exception:|Caused by|org\\.springframework\\.|java\\.lang\\.|SQLSyntax|MyBatis|"
					+ "SQLException|jdbc:)");

	private final Platform platform = Platform.get();

	private final DrillReport report = new DrillReport("bad-input");

	private final Map<String, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger serverErrors = new AtomicInteger();

	private final AtomicInteger stackTraces = new AtomicInteger();

	private final AtomicInteger notProblem = new AtomicInteger();

	private final AtomicInteger acceptedWrites = new AtomicInteger();

	private final List<String> examples = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, String> tokens = new LinkedHashMap<>();

	/**
	 * One endpoint: method, path template, the service that owns it, whether it takes a
	 * body (an action without one, e.g. rotating the signing key, ignores a body: sending
	 * it bad input as the allowed caller would simply do it).
	 */
	record Endpoint(String method, String path, String service, boolean body) {
	}

	@Test
	void badInputGetsProblemDetailsAndChangesNothing() throws Exception {
		for (String user : List.of("member1", "member3", "committee1", "admin", "auditor", "handler-gxt",
				"leader-gxt")) {
			this.tokens.put(user, this.platform.token(user));
		}
		this.tokens.put("client", this.platform.clientToken("demo-12345", Platform.DEMO_PASSWORD));
		Set<Endpoint> endpoints = endpoints();
		this.report.figure("endpoints", endpoints.size());
		Map<String, String> before = snapshot();

		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> tasks = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			tasks.add(pool.submit(() -> attack(endpoint)));
		}
		for (Future<?> task : tasks) {
			task.get(20, TimeUnit.MINUTES);
		}
		pool.shutdown();
		rawAttacks();

		Map<String, String> after = snapshot();
		int changed = 0;
		for (Map.Entry<String, String> entry : before.entrySet()) {
			if (!this.report.check(entry.getValue().equals(after.get(entry.getKey())),
					"data changed: %s was %s, now %s", entry.getKey(), abbreviate(entry.getValue()),
					abbreviate(after.get(entry.getKey())))) {
				changed++;
			}
		}
		this.report.figure("requests", this.requests.get());
		this.report.figure("statuses", this.statuses);
		this.report.figure("serverErrors", this.serverErrors.get());
		this.report.figure("stackTraces", this.stackTraces.get());
		this.report.figure("errorsNotProblemJson", this.notProblem.get());
		this.report.figure("acceptedBadWrites", this.acceptedWrites.get());
		this.report.figure("dataChecks", before.size());
		this.report.figure("dataChanged", changed);
		synchronized (this.examples) {
			this.examples.forEach((e) -> System.out.println("DRILL bad-input raw finding: " + e));
		}
		synchronized (this.findings) {
			this.findings.forEach((k, v) -> System.out
				.println("DRILL bad-input finding x" + this.findingCounts.get(k) + " " + k + " e.g. " + v));
		}
		this.report.figure("findingKinds", this.findings.size());
		this.report.check(this.requests.get() >= 2000, "only %d requests", this.requests.get());
		this.report.check(this.serverErrors.get() == 0, "%d answers 5xx", this.serverErrors.get());
		this.report.check(this.stackTraces.get() == 0, "%d answers with stack traces", this.stackTraces.get());
		this.report.check(this.notProblem.get() == 0, "%d error answers not problem+json", this.notProblem.get());
		this.report.check(this.acceptedWrites.get() == 0, "%d bad writes answered 2xx", this.acceptedWrites.get());
		this.report.finish();
	}

	// --- the endpoints

	private Set<Endpoint> endpoints() throws IOException {
		Set<Endpoint> endpoints = new LinkedHashSet<>();
		for (String service : SERVICES) {
			Response spec = this.platform.sendTo(Platform.gateway(), "GET", "/v3/api-docs/" + service, null, null);
			this.report.check(spec.status() == 200, "OpenAPI of %s: %d", service, spec.status());
			if (spec.status() != 200) {
				continue;
			}
			JsonNode paths = spec.json().get("paths");
			for (String path : paths.propertyNames()) {
				for (String method : paths.get(path).propertyNames()) {
					if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
						endpoints.add(new Endpoint(method.toUpperCase(), path, service,
								paths.get(path).get(method).has("requestBody")));
					}
				}
			}
		}
		int fromSpecs = endpoints.size();
		Path apiMd = Path.of(System.getProperty("drill.api-md", "/work/shared/docs/API.md"));
		int fromApiMd = 0;
		int missingFromSpecs = 0;
		if (Files.exists(apiMd)) {
			Pattern row = Pattern.compile("^\\|\\s*([A-Z, ]+/[^|]*?)\\s*\\|");
			for (String line : Files.readAllLines(apiMd)) {
				Matcher m = row.matcher(line);
				if (!m.find()) {
					continue;
				}
				List<String> methods = new ArrayList<>();
				for (String part : m.group(1).split(",")) {
					String[] words = part.trim().split("\\s+");
					methods.add(words[0]);
					if (words.length > 1) {
						for (String method : methods) {
							fromApiMd++;
							Endpoint endpoint = new Endpoint(method, words[1], serviceOf(words[1]), true);
							if (endpoints.stream()
								.noneMatch((x) -> x.method().equals(method) && x.path().equals(words[1]))) {
								missingFromSpecs++;
								System.out.println("DRILL bad-input API.md endpoint not in the OpenAPI specs: " + method
										+ " " + words[1]);
								endpoints.add(endpoint);
							}
						}
						methods.clear();
					}
				}
			}
		}
		this.report.figure("endpointsInSpecs", fromSpecs);
		this.report.figure("endpointsInApiMd", fromApiMd);
		this.report.figure("apiMdNotInSpecs", missingFromSpecs);
		return endpoints;
	}

	private static String serviceOf(String path) {
		if (path.matches("/api/v1/(auth|me|units|members|users|audit-log|admin)(/.*)?|/oauth2/.*")) {
			return "department-service";
		}
		if (path.matches("/api/v1/(statistics|public/statistics)(/.*)?|/dashboard/.*")) {
			return "statistics-service";
		}
		if (path.matches("/api/v1/(notifications|notification-preferences|webhooks)(/.*)?")) {
			return "notification-service";
		}
		return "proposal-service";
	}

	/**
	 * The caller most likely allowed to call it (so that validation, not security,
	 * answers).
	 */
	private static String rightUser(Endpoint e) {
		String p = e.path();
		if (p.contains("audit-log")) {
			return "auditor";
		}
		if (p.startsWith("/api/v1/events")) {
			return "client";
		}
		if (p.matches("/api/v1/(units|users|admin|webhooks).*") && !e.method().equals("GET")
				|| p.matches("/api/v1/(users|admin|webhooks).*")) {
			return "admin";
		}
		if (p.matches(".*/(objections|communications|co-opinions|reply)$")) {
			return "handler-gxt";
		}
		if (p.matches(".*/(reply/submit|extension)$")) {
			return "leader-gxt";
		}
		if (p.matches(".*/(review|merge|assignment|decision|publication|similar)$")
				|| p.matches("/api/v1/(statistics|members|assignment-suggestions|sessions|calendar).*")) {
			return "committee1";
		}
		return "member1";
	}

	// --- the attacks

	private static final List<String> BAD_IDS = List.of("999999999", "abc", "-1", "1.5", "99999999999999999999999",
			"1%27%20OR%20%271%27%3D%271", "..%2F..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
			"1%3B%20DROP%20TABLE%20proposal", "%00", "%E4%B8%AD%E6%96%87");

	private static final List<String> BAD_QUERIES = List.of("page=-1&size=100000", "page=abc&size=xyz",
			"q=%27%20OR%201%3D1%20--", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "status=NOPE&category=%27%3B--",
			"after=-5&limit=abc", "after=99999999999999999999&limit=-1",
			"session=..%2F..%2Fetc%2Fpasswd&from=2026-13-45&to=yesterday&interval=century",
			"unitId=1%20OR%201%3D1&overdue=perhaps&unread=maybe", "q=" + "长".repeat(3000),
			"sort=id%3BDROP%20TABLE%20proposal&userId=%27&action=%00", "q=a%0d%0aSet-Cookie:%20pwn=1");

	private static final String WRONG_TYPES = """
			{"title":{"x":1},"content":[1],"category":{"a":1},"suggestions":"s","coProposerIds":{"a":1},
			"decision":[1],"mode":{"a":1},"leadUnitId":{"a":1},"coUnitIds":"x","accept":{"a":1},"uphold":[1],
			"rating":{"a":1},"level":[1],"kind":{"a":1},"username":[1],"password":{"a":1},"refreshToken":[1],
			"url":{"a":1},"events":"x","secret":[1],"name":{"a":1},"roles":"x","enabled":{"a":1},"unitId":{"a":1},
			"intoId":{"a":1},"newDeadline":{"a":1},"reason":[1],"resultClass":{"a":1},"body":[1],"sections":"x",
			"code":{"a":1},"type":[1],"parentId":{"a":1},"at":[1],"summary":{"a":1},"channels":"x","email":[1],
			"phone":{"a":1},"sector":[1],"note":{"a":1},"newLeadUnitId":[1],"approve":{"a":1},"locale":[1]}""";

	private static final String UNKNOWN_ENUMS = """
			{"decision":"MAYBE","mode":"SOMETIMES","rating":"MEH","level":"ALL","kind":"TELEPATHY",
			"resultClass":"Z","roles":["EMPEROR"],"type":"ALIEN","events":["proposal.exploded"],"channels":["PIGEON"],
			"accept":"perhaps","uphold":"perhaps","approve":"perhaps","enabled":"sometimes","locale":"xx-YY",
			"sections":[{"suggestionIndex":"first","text":1}],"at":"yesterday","newDeadline":"2026-02-30"}""";

	private static final String INJECTED = """
			{"title":["' OR '1'='1"],"content":{"x":"<script>alert(1)</script>"},"username":"admin' -- ",
			"password":"' OR ''='","url":"file:///etc/passwd","name":["../../../../etc/passwd"],
			"reason":{"x":"${jndi:ldap://127.0.0.1/x}"},"q":"'; DROP TABLE proposal; --","suggestions":"'; --",
			"refreshToken":"' UNION SELECT * FROM refresh_token --","grant_type":"client_credentials' --"}""";

	/** About 3 MB of UTF-8. */
	private static final String OVERSIZED = "{\"title\":\"" + "大".repeat(1_000_000) + "\"}";

	private static final String MALFORMED = "{\"title\": \"x\", \"content\": ";

	private void attack(Endpoint e) {
		try {
			attackUnsafely(e);
		}
		catch (RuntimeException ex) {
			this.report.check(false, "%s %s: the drill failed: %s", e.method(), e.path(), ex);
		}
	}

	private void attackUnsafely(Endpoint e) {
		boolean stream = e.path().endsWith("/stream");
		boolean write = !e.method().equals("GET");
		List<String> targets = new ArrayList<>();
		if (!e.path().contains("/internal/")) {
			targets.add(Platform.gateway());
		}
		targets.add("http://127.0.0.1:" + Platform.port(e.service()));
		for (String base : targets) {
			String plain = fill(e.path(), null);
			// unauthorised: no token, a forged token, an expired-looking token
			send(e, base, plain, null, write ? MALFORMED : null, "unauth");
			send(e, base, plain, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.",
					write ? "{}" : null, "alg-none");
			send(e, base, plain, "garbage.token.here", write ? "{}" : null, "garbage-token");
			if (stream) {
				continue;
			}
			String user = rightUser(e);
			String wrong = user.equals("member1") ? "member3" : "member1";
			// the wrong caller, with a body that would be valid-looking
			send(e, base, plain, this.tokens.get(wrong), write ? "{}" : null, "wrong-role");
			if (write && !e.body()) {
				// only bad ids: with a good one the allowed caller would just do it
				if (e.path().contains("{")) {
					for (String id : BAD_IDS) {
						send(e, base, fill(e.path(), id), this.tokens.get(user), null, "bad-id");
					}
				}
				continue;
			}
			if (e.path().contains("{")) {
				for (String id : BAD_IDS) {
					send(e, base, fill(e.path(), id), this.tokens.get(user), write ? "{}" : null, "bad-id");
				}
			}
			if (!write) {
				for (String query : BAD_QUERIES) {
					send(e, base, plain + "?" + query, this.tokens.get(user), null, "bad-query");
				}
				send(e, base, plain, this.tokens.get(user), null, "accept-xml", "Accept", "application/xml");
				send(e, base, plain, this.tokens.get(user), null, "long-header", "X-Filler", "x".repeat(20_000));
				continue;
			}
			for (String body : List.of(MALFORMED, WRONG_TYPES, UNKNOWN_ENUMS, INJECTED, "", "[]", "null", "\"x\"",
					"{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
				send(e, base, plain, this.tokens.get(user), body, "bad-body");
			}
			send(e, base, plain, this.tokens.get(user), OVERSIZED, "oversized");
			send(e, base, plain, this.tokens.get(user), "<xml/>", "xml-body", "Content-Type", "application/xml");
			send(e, base, plain, this.tokens.get(user), "hello", "text-body", "Content-Type", "text/plain");
			send(e, base, plain, this.tokens.get(user), WRONG_TYPES, "bad-if-match", "If-Match", "\"'; DROP--\"");
			send(e, base, plain, this.tokens.get(user), WRONG_TYPES, "long-idem-key", "Idempotency-Key",
					"k".repeat(300));
			send(e, base, plain, this.tokens.get(user), WRONG_TYPES, "charset", "Content-Type",
					"application/json; charset=nonsense");
		}
	}

	/**
	 * Path parameters: safe existing records (so that only the bad input is refused) or a
	 * bad value.
	 */
	private static String fill(String template, String bad) {
		StringBuilder out = new StringBuilder();
		Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
		while (m.find()) {
			String value = bad;
			if (value == null) {
				value = switch (m.group(1)) {
					case "id" -> template.startsWith("/api/v1/units") ? "2"
							: template.startsWith("/api/v1/users") ? "1001"
									: template.startsWith("/api/v1/proposals") || template.startsWith("/api/v1/public")
											? "1" : "999999999";
					case "kid" -> "no-such-key";
					default -> "1";
				};
			}
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	private void send(Endpoint e, String base, String path, String bearer, String body, String kind,
			String... headers) {
		HttpRequest.Builder builder;
		try {
			builder = HttpRequest.newBuilder(URI.create(base + path));
		}
		catch (IllegalArgumentException ex) {
			return; // not a URI the client can send (raw attacks cover those)
		}
		builder.timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
		if (bearer != null) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		boolean contentType = false;
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.setHeader(headers[i], headers[i + 1]);
			contentType |= headers[i].equals("Content-Type");
		}
		if (body != null && !contentType) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(e.method(), (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		Response answer;
		try {
			answer = this.platform.exchange(builder.build());
		}
		catch (RuntimeException ex) {
			// an oversized body may be refused while it is still being sent
			this.statuses.merge("noAnswer", 1, Integer::sum);
			this.requests.incrementAndGet();
			if (!kind.equals("oversized")) {
				example("no answer", e, base, path, kind, ex.toString());
			}
			return;
		}
		this.requests.incrementAndGet();
		this.statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
		String what = e.method() + " " + (base.equals(Platform.gateway()) ? "gw" : "direct") + " " + abbreviate(path)
				+ " [" + kind + "]";
		if (answer.status() >= 500) {
			this.serverErrors.incrementAndGet();
			example(answer.status() + "", e, base, path, kind, answer.body());
		}
		if (answer.body() != null && STACK.matcher(answer.body()).find()
				&& !(e.path().startsWith("/v3/api-docs") || e.path().startsWith("/dashboard"))) {
			this.stackTraces.incrementAndGet();
			example("stack trace", e, base, path, kind, answer.body());
		}
		if (answer.status() >= 400 && !answer.isProblem()) {
			this.notProblem.incrementAndGet();
			example("not problem+json " + answer.status() + " " + answer.header("Content-Type"), e, base, path, kind,
					answer.body());
		}
		// logout's body is optional (no or an unknown refresh token just ends the
		// session)
		if (answer.status() / 100 == 2 && !e.method().equals("GET") && !e.path().equals("/api/v1/auth/logout")) {
			this.acceptedWrites.incrementAndGet();
			example("accepted " + answer.status(), e, base, path, kind, answer.body());
		}
		if (answer.headers().keySet().stream().anyMatch((h) -> h.equalsIgnoreCase("pwn"))
				|| String.valueOf(answer.header("Set-Cookie")).contains("pwn")) {
			this.report.check(false, "header injection succeeded: %s", what);
		}
	}

	/**
	 * Findings grouped by what, endpoint, variant and target, with one example answer
	 * each.
	 */
	private final Map<String, String> findings = Collections.synchronizedMap(new TreeMap<>());

	private final Map<String, Integer> findingCounts = new java.util.concurrent.ConcurrentHashMap<>();

	private void example(String problem, Endpoint e, String base, String path, String kind, String body) {
		String key = problem + ": " + e.method() + " " + e.path() + " [" + kind + "] "
				+ (base.equals(Platform.gateway()) ? "gateway" : e.service());
		this.findingCounts.merge(key, 1, Integer::sum);
		this.findings.putIfAbsent(key, abbreviate(path) + " -> " + abbreviate(String.valueOf(body)));
	}

	/**
	 * Requests the JDK client will not send: CRLF in headers, broken request lines, lying
	 * lengths.
	 */
	private void rawAttacks() {
		List<String> raw = List.of(
				"GET /api/v1/public/replies HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\r\n b: c\r\nConnection: close\r\n\r\n",
				"GET /api/v1/public/replies?q=a%0d%0aSet-Cookie:%20pwn=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /api/v1/public/replies HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\rSet-Cookie: pwn=1\r\nConnection: close\r\n\r\n",
				"FOO /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /api/v1/public/replies/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n{}",
				"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n{}",
				"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\nConnection: close\r\n\r\nzz\r\n",
				"GET /api/v1/public/replies HTTP/1.1\r\nHost: x\r\nAccept-Language: ' OR 1=1 --\r\nConnection: close\r\n\r\n",
				"GET /api/v1/public/replies HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: <script>\r\nForwarded: for=\"' OR 1\"\r\nConnection: close\r\n\r\n",
				"\u0000\u0001\u0002 GARBAGE\r\n\r\n",
				"GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		List<Integer> ports = new ArrayList<>(List.of(Platform.PORT_BASE));
		SERVICES.forEach((s) -> ports.add(Platform.port(s)));
		for (int port : ports) {
			for (String request : raw) {
				String answer = rawExchange(port, request);
				this.requests.incrementAndGet();
				String statusLine = answer.lines().findFirst().orElse("");
				this.statuses.merge("raw " + (statusLine.length() > 12 ? statusLine.substring(9, 12) : "closed"), 1,
						Integer::sum);
				if (statusLine.matches("HTTP/1\\.[01] 5\\d\\d.*")) {
					this.serverErrors.incrementAndGet();
					this.examples.add("raw 5xx on " + port + ": " + abbreviate(request) + " -> " + abbreviate(answer));
				}
				if (STACK.matcher(answer).find()) {
					this.stackTraces.incrementAndGet();
					this.examples
						.add("raw stack on " + port + ": " + abbreviate(request) + " -> " + abbreviate(answer));
				}
				if (answer.toLowerCase().contains("\nset-cookie: pwn")) {
					this.report.check(false, "raw header injection on %d: %s", port, abbreviate(request));
				}
			}
		}
	}

	private static String rawExchange(int port, String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			byte[] bytes = in.readNBytes(64 * 1024);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	// --- the data, before and after

	private Map<String, String> snapshot() {
		Map<String, String> data = new TreeMap<>();
		data.put("proposals(committee)", total("/api/v1/proposals?size=1", "committee1"));
		data.put("proposals(member1)", total("/api/v1/proposals?size=1", "member1"));
		data.put("proposal 1", read("/api/v1/proposals/1", "committee1"));
		data.put("proposal 1 history", read("/api/v1/proposals/1/history", "committee1"));
		data.put("public replies", read("/api/v1/public/replies", null));
		data.put("units", total("/api/v1/units?size=1", "admin"));
		data.put("unit 2", read("/api/v1/units/2", "admin"));
		data.put("members", total("/api/v1/members?size=1", "admin"));
		data.put("me(member1)", read("/api/v1/me", "member1"));
		data.put("me(admin)", read("/api/v1/me", "admin"));
		data.put("notifications(member1)", total("/api/v1/notifications?size=1", "member1"));
		data.put("unread(member1)", field("/api/v1/notifications?size=1", "member1", "unread"));
		data.put("preferences(member1)", read("/api/v1/notification-preferences", "member1"));
		data.put("webhooks", read("/api/v1/webhooks", "admin"));
		data.put("statistics overview", read("/api/v1/statistics/overview", "committee1"));
		data.put("public statistics", read("/api/v1/public/statistics", null));
		String client = this.tokens.get("client");
		long end = 0;
		while (true) {
			JsonNode items = this.platform
				.sendTo(Platform.gateway(), "GET", "/api/v1/events?after=" + end + "&limit=500", client, null)
				.json()
				.get("items");
			if (items == null || items.isEmpty()) {
				break;
			}
			end = items.get(items.size() - 1).get("position").asLong();
		}
		data.put("event feed end", String.valueOf(end));
		data.put("signing keys (JWKS)", read("/oauth2/jwks", null));
		for (String user : List.of("member1", "committee1", "admin")) {
			data.put("login " + user, String.valueOf(this.platform
				.send("POST", "/api/v1/auth/login", null, Map.of("username", user, "password", Platform.DEMO_PASSWORD))
				.status()));
		}
		return data;
	}

	private String read(String path, String user) {
		Response answer = this.platform.send("GET", path, user, null);
		// times of reading (e.g. "generatedAt") are not data
		return answer.status() + " " + answer.body().replaceAll("\"(generatedAt|now|asOf)\":\"[^\"]*\"", "");
	}

	private String total(String path, String user) {
		return field(path, user, "total");
	}

	private String field(String path, String user, String name) {
		Response answer = this.platform.send("GET", path, user, null);
		return answer.status() + " " + ((answer.status() == 200) ? answer.json().path(name).toString() : "");
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "null";
		}
		String flat = text.replace("\r", "\\r").replace("\n", "\\n");
		return (flat.length() > 200) ? flat.substring(0, 200) + "…(" + flat.length() + ")" : flat;
	}

}
