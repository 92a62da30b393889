package cn.gov.cppcc.proposals.notification;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The inbox, live stream, preferences and audit log as their users see them.
 */
class InboxApiTest extends IntegrationTest {

	@Test
	void inboxListsOwnNotificationsWithUnreadCountAndPaging() throws Exception {
		DEPARTMENT.person("u-inbox1", "inbox1", "收件委员", "MEMBER", null, null);
		for (int i = 0; i < 3; i++) {
			java.util.Map<String, Object> p = Events.proposal("70" + i, "收件箱" + i);
			p.put("authorId", "u-inbox1");
			p.put("proposerIds", List.of("u-inbox1"));
			apply(Events.event("proposal.published", p, "level", "FULL"));
		}
		String token = bearer(userToken("u-inbox1", "MEMBER", null));
		String body = this.mvc
			.perform(get("/api/v1/notifications?unread=true&page=1&size=2").header("Authorization", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.unread").value(3))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].title").value("提案答复已公开：《收件箱2》"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = body.replaceAll("(?s).*?\"id\":\"(\\d+)\".*", "$1");
		this.mvc.perform(post("/api/v1/notifications/" + id + "/read").header("Authorization", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.read").value(true));
		this.mvc.perform(get("/api/v1/notifications?unread=true").header("Authorization", token))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.unread").value(2));
		this.mvc.perform(get("/api/v1/notifications").header("Authorization", token))
			.andExpect(jsonPath("$.total").value(3));
		this.mvc.perform(get("/api/v1/notifications?size=500").header("Authorization", token))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/notifications")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/v1/notifications/abc/read").header("Authorization", token))
			.andExpect(status().isNotFound());
		// the read was audited
		this.mvc
			.perform(get("/api/v1/internal/audit-log?userId=u-inbox1").header("Authorization",
					bearer(userToken("u-auditor", "AUDITOR", null))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].action", hasItem("notification.read")));
		this.mvc.perform(get("/api/v1/internal/audit-log").header("Authorization", token))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(get("/api/v1/internal/audit-log").header("Authorization",
					bearer(clientToken("department-service", "internal"))))
			.andExpect(status().isOk());
	}

	@Test
	void preferencesKeepInAppOnAndRejectUnknownKinds() throws Exception {
		String token = bearer(userToken("u-pref1", "MEMBER", null));
		this.mvc.perform(get("/api/v1/notification-preferences").header("Authorization", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locale").value("zh-CN"))
			.andExpect(jsonPath("$.channels.ASSIGNED", hasItem("IN_APP")))
			.andExpect(jsonPath("$.channels.ASSIGNED", hasItem("EMAIL")));
		this.mvc
			.perform(put("/api/v1/notification-preferences").header("Authorization", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"locale\":\"en\",\"channels\":{\"ASSIGNED\":[\"SMS\"],\"CLOSED\":[]}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channels.ASSIGNED.length()").value(2))
			.andExpect(jsonPath("$.channels.CLOSED[0]").value("IN_APP"));
		this.mvc.perform(get("/api/v1/notification-preferences").header("Authorization", token))
			.andExpect(jsonPath("$.locale").value("en"))
			.andExpect(jsonPath("$.channels.ASSIGNED", hasItem("SMS")))
			.andExpect(jsonPath("$.channels.FILED.length()").value(1));
		for (String bad : new String[] { "{\"channels\":{\"NOT_A_KIND\":[\"SMS\"]}}",
				"{\"channels\":{\"ASSIGNED\":[\"FAX\"]}}", "{\"locale\":\"fr\",\"channels\":{}}", "{\"channels\":",
				"{\"channels\":\"x\"}" }) {
			this.mvc
				.perform(put("/api/v1/notification-preferences").header("Authorization", token)
					.contentType(MediaType.APPLICATION_JSON)
					.content(bad))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void streamDeliversANewNotificationWithinASecondAndResumes() throws Exception {
		DEPARTMENT.person("u-sse1", "sse1", "实时委员", "MEMBER", null, null);
		String token = bearer(userToken("u-sse1", "MEMBER", null));
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/notifications/stream"))
			.header("Authorization", token)
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					lines.add(line);
				}
			}
			catch (Exception ex) {
				// stream closed at the end of the test
			}
		});
		reader.setDaemon(true);
		reader.start();
		Thread.sleep(300);

		java.util.Map<String, Object> p = Events.proposal("720", "实时通知");
		p.put("authorId", "u-sse1");
		p.put("proposerIds", List.of("u-sse1"));
		EventEnvelope event = Events.event("proposal.closed", p);
		long sentAt = System.nanoTime();
		apply(event);
		String data = null;
		String id = null;
		while (data == null) {
			long left = Duration.ofSeconds(1).toNanos() - (System.nanoTime() - sentAt);
			String line = lines.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
			assertThat(line).as("a notification within a second").isNotNull();
			if (line.startsWith("id:")) {
				id = line.substring(3).trim();
			}
			if (line.startsWith("data:")) {
				data = line;
			}
		}
		assertThat(data).contains("提案已办结").contains("实时通知");
		response.body().close();

		// resume: with Last-Event-ID one before, the same notification is replayed
		HttpResponse<InputStream> resumed = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/notifications/stream"))
				.header("Authorization", token)
				.header("Last-Event-ID", String.valueOf(Long.parseLong(id) - 1))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader in = new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
			String line;
			boolean found = false;
			while (!found && (line = in.readLine()) != null) {
				found = line.equals("id:" + id);
			}
			assertThat(found).isTrue();
		}
		HttpResponse<String> anonymous = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/notifications/stream"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

}
