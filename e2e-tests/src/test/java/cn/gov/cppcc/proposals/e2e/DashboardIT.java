package cn.gov.cppcc.proposals.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Cdp.Event;
import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The statistics dashboard in a real browser through the real gateway: headless Chromium
 * at phone width (390 px), driven over the Chrome DevTools Protocol ({@link Cdp}), opens
 * {@code /dashboard/index.html} from the gateway, signs in with the login form (POST
 * /api/v1/auth/login through the gateway), and shows the figures the statistics API
 * returns for the same token at the same moment; no console error, no failed request, no
 * Content-Security-Policy violation, no horizontal overflow. Skipped when Chromium is not
 * installed (Debian package {@code chromium}; .ci/run installs it).
 */
class DashboardIT {

	private static final Path SCREENSHOT = Path.of("target/dashboard-phone.png");

	private static final String USER = "committee1";

	static Platform platform;

	@BeforeAll
	static void start() {
		Assumptions.assumeTrue(Cdp.binary() != null,
				"Chromium is not installed (/usr/bin/chromium, Debian package 'chromium'; .ci/run installs it): "
						+ "the dashboard browser test through the gateway is skipped");
		platform = Platform.get();
	}

	@Test
	void theDashboardShowsTheStatisticsApiFiguresThroughTheGatewayAtPhoneWidth() throws Exception {
		// the seeded demo proposal reaches statistics-service through the event feed
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> platform.get("/api/v1/statistics/overview", USER).json().get("received").asLong() > 0);
		Files.deleteIfExists(SCREENSHOT);
		Cdp cdp = Cdp.launch("--window-size=390,1400");
		try {
			Cdp.Page page = cdp.newPage();
			page.send("Page.enable", null);
			page.send("Runtime.enable", null);
			page.send("Log.enable", null);
			page.send("Network.enable", null);
			// headless Chromium keeps its window at least 500 px wide whatever
			// --window-size says: the page gets a phone's metrics, as in device mode
			page.send("Emulation.setDeviceMetricsOverride",
					Map.of("width", 390, "height", 1400, "deviceScaleFactor", 1, "mobile", true));
			page.send("Page.addScriptToEvaluateOnNewDocument",
					Map.of("source", "window.__csp = []; document.addEventListener('securitypolicyviolation', "
							+ "function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"));

			String url = Platform.gateway() + "/dashboard/index.html";
			page.navigate(url);
			assertThat(Cdp.poll(Duration.ofSeconds(30),
					() -> page
						.evaluate("document.readyState === 'complete' && !document.getElementById('login').hidden")
						.asBoolean()))
				.as("the login form is shown at %s", url)
				.isTrue();

			page.evaluate("(function () { var f = document.getElementById('login-form'); f.username.value = '" + USER
					+ "'; f.password.value = '" + Platform.DEMO_PASSWORD + "'; f.requestSubmit(); return true; })()");
			awaitLoaded(page);
			String token = page.evaluate("sessionStorage.getItem('statistics.token')").asString();
			assertThat(token).as("the token the login form stored").isNotBlank();

			// the page's figures and the API's for the same token, the page read
			// between two identical API answers: both show the same moment (the read
			// model moves while events of other tests are applied)
			Snapshot before = null;
			Snapshot after = null;
			JsonNode dom = null;
			for (int attempt = 0; attempt < 5 && (before == null || !before.equals(after)); attempt++) {
				before = Snapshot.read(token);
				page.evaluate("document.body.removeAttribute('data-loaded'); "
						+ "document.getElementById('session').dispatchEvent(new Event('change')); true");
				awaitLoaded(page);
				dom = page.evaluateJson(DOM);
				after = Snapshot.read(token);
			}
			assertThat(after).as("the statistics did not stop changing").isEqualTo(before);
			page.screenshot(SCREENSHOT);

			assertFiguresMatch(dom, after);
			assertRealData(dom, after);

			SoftAssertions browser = new SoftAssertions();
			browser.assertThat(dom.get("innerWidth").asInt()).as("the viewport is phone-sized").isEqualTo(390);
			browser.assertThat(dom.get("scrollWidth").asInt())
				.as("no horizontal overflow at 390 px: %s", dom.get("wide"))
				.isLessThanOrEqualTo(390);
			browser.assertThat(dom.get("wide").size())
				.as("elements wider than the viewport: %s", dom.get("wide"))
				.isZero();
			String csp = cspOf(page, url);
			browser.assertThat(csp)
				.as("the gateway's Content-Security-Policy on the dashboard page")
				.contains("script-src 'self'")
				.contains("connect-src 'self'");
			browser.assertThat(page.evaluate("JSON.stringify(window.__csp)").asString())
				.as("CSP violations")
				.isEqualTo("[]");
			browser.assertThat(problems(page.events()))
				.as("console errors and failed requests in the browser")
				.isEmpty();
			browser.assertAll();
			assertThat(SCREENSHOT).isNotEmptyFile();
		}
		finally {
			cdp.close();
		}
		assertThat(cdp.profileDeleted()).as("Chromium's temporary profile is deleted").isTrue();
	}

	private static void awaitLoaded(Cdp.Page page) {
		boolean loaded = Cdp.poll(Duration.ofSeconds(60),
				() -> "true".equals(page.evaluate("document.body.getAttribute('data-loaded')").asString()));
		assertThat(loaded)
			.as("the dashboard says it has loaded (body data-loaded); status '%s', login error '%s'",
					page.evaluate("document.getElementById('status').textContent").asString(),
					page.evaluate("document.getElementById('login-error').textContent").asString())
			.isTrue();
	}

	private static void assertFiguresMatch(JsonNode dom, Snapshot api) {
		JsonNode o = api.overview();
		List<String> expectedCards = List.of("提案总数=" + o.get("received").asLong(), "立案数=" + o.get("filed").asLong(),
				"立案率=" + pct(o.get("filingRate")), "交办数=" + o.get("assigned").asLong(),
				"办复率=" + pct(o.get("replyRate")), "按期办复率=" + pct(o.get("onTimeRate")),
				"满意率=" + pct(o.get("ratings").get("satisfactionRate")), "见面率=" + pct(o.get("meetingRate")),
				"当前超期=" + o.get("overdueNow").asLong(), "重新办理=" + o.get("rehandled").asLong(),
				"平均办复天数=" + number(o.get("averageDaysToReply")),
				"重点提案=" + o.get("keyProposalHandling").get("count").asLong(),
				"重点提案办复率=" + pct(o.get("keyProposalHandling").get("replyRate")),
				"跟踪答复率=" + pct(o.get("followUps").get("answerRate")),
				"跟踪答复超期=" + o.get("followUps").get("overdueNow").asLong());
		List<String> shownCards = dom.get("cards")
			.valueStream()
			.map((c) -> c.get("label").asString() + "=" + c.get("value").asString())
			.toList();
		assertThat(shownCards).as("the headline cards").containsExactlyElementsOf(expectedCards);

		List<String> rateBars = List.of("立案率 " + pct(o.get("filingRate")), "办复率 " + pct(o.get("replyRate")),
				"按期办复率 " + pct(o.get("onTimeRate")), "满意率 " + pct(o.get("ratings").get("satisfactionRate")),
				"见面率 " + pct(o.get("meetingRate")));
		assertThat(texts(dom, "rates")).as("the rates chart").containsExactlyElementsOf(rateBars);

		JsonNode classes = o.get("resultClasses");
		long a = classes.get("a").asLong();
		long b = classes.get("b").asLong();
		long c = classes.get("c").asLong();
		long all = a + b + c;
		List<String> legend = new ArrayList<>();
		for (Object[] part : new Object[][] { { "A", a }, { "B", b }, { "C", c } }) {
			long n = (Long) part[1];
			legend.add(part[0] + "：" + n + "（" + ((all > 0) ? pct(n / (double) all) : "—") + "）");
		}
		assertThat(texts(dom, "classLegend")).as("the A/B/C legend").containsExactlyElementsOf(legend);

		List<JsonNode> units = api.units().get("items").valueStream().limit(30).toList();
		List<String> names = texts(dom, "units");
		assertThat(names).as("the unit names in the units chart").hasSize(units.size());
		List<String> rates = texts(dom, "unitValues");
		for (int i = 0; i < units.size(); i++) {
			String name = units.get(i).get("unitName").asString();
			String shown = names.get(i);
			assertThat(shown.equals(name)
					|| (shown.endsWith("…") && name.startsWith(shown.substring(0, shown.length() - 1))))
				.as("unit %d shown as '%s' for '%s'", i, shown, name)
				.isTrue();
			JsonNode onTime = units.get(i).get("onTimeRate");
			assertThat(rates.get(i)).as("按期办复率 of %s", name)
				.isEqualTo((onTime == null || onTime.isNull()) ? "不排名" : pct(onTime));
		}

		List<JsonNode> points = api.trend().get("items").valueStream().toList();
		List<String> paths = texts(dom, "trend");
		assertThat(paths).as("four trend lines: 收到, 立案, 交办, 办复").hasSize(4);
		for (String d : paths) {
			assertThat(d.split("[ML]").length - 1).as("points of the line %s", d).isEqualTo(points.size());
		}
		long max = 1;
		for (JsonNode p : points) {
			for (String key : List.of("received", "filed", "assigned", "replied")) {
				max = Math.max(max, p.get(key).asLong());
			}
		}
		assertThat(texts(dom, "trendAxis")).as("the trend's scale").contains(String.valueOf(max));
		assertThat(texts(dom, "trendLegend")).containsExactly("收到", "立案", "交办", "办复");

		List<String> sessions = new ArrayList<>(List.of("全部"));
		api.publicStatistics().get("sessions").valueStream().forEach((s) -> sessions.add(s.get("session").asString()));
		assertThat(texts(dom, "sessions")).as("the session options").containsExactlyElementsOf(sessions);
	}

	private static void assertRealData(JsonNode dom, Snapshot api) {
		assertThat(api.overview().get("received").asLong()).as("received proposals").isPositive();
		assertThat(dom.get("charts").size()).as("SVG charts").isEqualTo(4);
		for (JsonNode chart : dom.get("charts")) {
			assertThat(chart.get("children").asInt()).as("SVG elements in %s", chart.get("id").asString()).isPositive();
			assertThat(chart.get("width").asDouble()).as("drawn width of %s", chart.get("id").asString()).isPositive();
		}
		assertThat(dom.get("bars").asInt()).as("bars with a width in the rates chart").isPositive();
		assertThat(texts(dom, "units")).as("unit names").isNotEmpty().allMatch((n) -> !n.isBlank());
	}

	/**
	 * The Content-Security-Policy header of the page's own response, as the browser got
	 * it.
	 */
	private static String cspOf(Cdp.Page page, String url) {
		for (Event event : page.events()) {
			if (event.method().equals("Network.responseReceived")
					&& url.equals(event.params().get("response").get("url").asString())) {
				JsonNode headers = event.params().get("response").get("headers");
				for (Map.Entry<String, JsonNode> header : headers.properties()) {
					if (header.getKey().equalsIgnoreCase("Content-Security-Policy")) {
						return header.getValue().asString();
					}
				}
				return "";
			}
		}
		throw new AssertionError("no response for " + url + " among the browser's network events");
	}

	/**
	 * Uncaught exceptions, console errors (a CSP block is one), failed loads and error
	 * answers.
	 */
	static List<String> problems(List<Event> events) {
		Map<String, String> urls = new HashMap<>();
		List<String> problems = new ArrayList<>();
		for (Event event : events) {
			JsonNode p = event.params();
			switch (event.method()) {
				case "Network.requestWillBeSent" ->
					urls.put(p.get("requestId").asString(), p.get("request").get("url").asString());
				case "Runtime.exceptionThrown" -> problems.add("exception: " + p.get("exceptionDetails"));
				case "Runtime.consoleAPICalled" -> {
					if ("error".equals(p.get("type").asString()) || "assert".equals(p.get("type").asString())) {
						problems.add("console." + p.get("type").asString() + ": " + p.get("args"));
					}
				}
				case "Log.entryAdded" -> {
					if ("error".equals(p.get("entry").get("level").asString())) {
						problems.add("log error: " + p.get("entry"));
					}
				}
				case "Network.loadingFailed" -> problems.add("failed: " + urls.get(p.get("requestId").asString()) + " "
						+ p.get("errorText") + " " + p.path("blockedReason"));
				case "Network.responseReceived" -> {
					int status = p.get("response").get("status").asInt();
					if (status >= 400) {
						problems.add(status + ": " + p.get("response").get("url").asString());
					}
				}
				default -> {
				}
			}
		}
		return problems;
	}

	private static List<String> texts(JsonNode dom, String field) {
		return dom.get(field).valueStream().map(JsonNode::asString).toList();
	}

	/** As dashboard.js's pct: (v * 100).toFixed(1) + '%', '—' for null. */
	static String pct(JsonNode value) {
		return (value == null || value.isNull()) ? "—" : pct(value.asDouble());
	}

	static String pct(double value) {
		// toFixed rounds the exact binary value, ties away from zero
		return new BigDecimal(value * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	/** As JavaScript's String(number), '—' for null. */
	static String number(JsonNode value) {
		if (value == null || value.isNull()) {
			return "—";
		}
		double v = value.asDouble();
		return (v == Math.rint(v) && Math.abs(v) < 1e15) ? String.valueOf((long) v) : String.valueOf(v);
	}

	/** What the page shows, read from its DOM as one JSON string. */
	private static final String DOM = """
			(function () {
			  var all = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };
			  var text = function (n) { return n.textContent; };
			  var vw = window.innerWidth;
			  return JSON.stringify({
			    cards: all('#cards .card').map(function (c) {
			      return { label: c.querySelector('.label').textContent, value: c.querySelector('.value').textContent };
			    }),
			    charts: all('#board .chart > svg').map(function (s) {
			      return { id: s.parentElement.id, children: s.childElementCount, width: s.getBoundingClientRect().width };
			    }),
			    rates: all('#rates-chart svg text[text-anchor=end]').map(function (t) {
			      return t.textContent + ' ' + t.nextElementSibling.nextElementSibling.textContent;
			    }),
			    bars: all('#rates-chart svg rect').filter(function (r) { return parseFloat(r.getAttribute('width')) > 0; }).length,
			    classLegend: all('#classes-chart .legend span').map(text),
			    units: all('#units-chart svg text[text-anchor=end]').map(text),
			    unitValues: all('#units-chart svg text:not([text-anchor])').map(text),
			    trend: all('#trend-chart svg path').map(function (p) { return p.getAttribute('d'); }),
			    trendAxis: all('#trend-chart svg text[text-anchor=end]').map(text),
			    trendLegend: all('#trend-chart .legend span').map(text),
			    sessions: all('#session option').map(text),
			    innerWidth: vw,
			    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
			    wide: all('body *').filter(function (e) {
			      var r = e.getBoundingClientRect();
			      return r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5);
			    }).map(function (e) { return e.tagName + '#' + e.id + '.' + (e.getAttribute('class') || ''); })
			  });
			})()
			""";

	/**
	 * The statistics API's answers for one token, through the gateway.
	 */
	record Snapshot(JsonNode overview, JsonNode units, JsonNode trend, JsonNode publicStatistics) {

		static Snapshot read(String token) {
			return new Snapshot(get("/api/v1/statistics/overview", token), get("/api/v1/statistics/units", token),
					get("/api/v1/statistics/trend", token), get("/api/v1/public/statistics", null));
		}

		private static JsonNode get(String path, String token) {
			Response answer = platform.sendTo(Platform.gateway(), "GET", path, token, null);
			assertThat(answer.status()).as("GET %s: %s", path, answer).isEqualTo(200);
			return answer.json();
		}

	}

}
