package cn.gov.cppcc.proposals.notification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Webhooks: signed deliveries, the same id on every retry, 410 disables, SSRF refused,
 * and who may manage them.
 */
class WebhookTest extends IntegrationTest {

	private static final String SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void disableSubscriptions() {
		this.jdbc.sql("UPDATE webhook_subscription SET enabled = 0").update();
	}

	@Test
	void receiverGetsACorrectlySignedDeliveryOfTheEnvelope() throws Exception {
		try (Receiver receiver = new Receiver()) {
			String id = subscribe(receiver.url(), "proposal.filed");
			EventEnvelope filed = Events.event("proposal.filed", Events.proposal("900", "数字经济"), "number", "0900");
			EventEnvelope other = Events.event("proposal.merged", Events.proposal("900", "数字经济"), "intoId", "1");
			apply(filed, other);
			this.worker.drain();

			assertThat(receiver.requests).hasSize(1);
			Receiver.Request request = receiver.requests.get(0);
			String webhookId = request.headers().get("webhook-id");
			String timestamp = request.headers().get("webhook-timestamp");
			assertThat(request.headers().get("webhook-signature")).isEqualTo("v1,"
					+ hmac("0123456789abcdef0123".getBytes(), webhookId + "." + timestamp + "." + request.body()));
			JsonNode body = this.json.readTree(request.body());
			assertThat(body.path("id").asString()).isEqualTo(filed.id());
			assertThat(body.path("type").asString()).isEqualTo("proposal.filed");
			assertThat(body.path("payload").path("proposal").path("title").asString()).isEqualTo("数字经济");

			this.mvc.perform(get("/api/v1/webhooks/" + id + "/deliveries").header("Authorization", client()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(1))
				.andExpect(jsonPath("$.items[0].state").value("SENT"))
				.andExpect(jsonPath("$.items[0].webhookId").value(webhookId))
				.andExpect(jsonPath("$.items[0].attemptLog[0].statusCode").value(200));
			// the secret is never shown in full
			String shown = this.json
				.readTree(this.mvc.perform(get("/api/v1/webhooks/" + id).header("Authorization", client()))
					.andReturn()
					.getResponse()
					.getContentAsString())
				.path("secret")
				.asString();
			assertThat(shown).startsWith("whse****").hasSize(12).isNotEqualTo(SECRET);
		}
	}

	@Test
	void failingReceiverGetsRetriesWithTheSameIdUntilItRecovers() throws Exception {
		try (Receiver receiver = new Receiver(500, 503)) {
			String id = subscribe(receiver.url(), "*");
			EventEnvelope event = Events.event("proposal.closed", Events.proposal("901", "养老服务"));
			apply(event);
			this.worker.drain();
			assertThat(receiver.requests).isNotEmpty();
			for (int i = 0; i < 20 && receiver.requests.size() < 3; i++) {
				Thread.sleep(120);
				this.worker.drain();
			}
			assertThat(receiver.requests).hasSize(3);
			assertThat(receiver.requests.stream().map((r) -> r.headers().get("webhook-id")).distinct()).hasSize(1);
			this.mvc.perform(get("/api/v1/webhooks/" + id + "/deliveries").header("Authorization", client()))
				.andExpect(jsonPath("$.items[0].state").value("SENT"))
				.andExpect(jsonPath("$.items[0].attempts").value(3))
				.andExpect(jsonPath("$.items[0].attemptLog[0].statusCode").value(500))
				.andExpect(jsonPath("$.items[0].attemptLog[1].statusCode").value(503));
		}
	}

	@Test
	void receiverThatNeverRecoversEndsDeadVisibly() throws Exception {
		try (Receiver receiver = new Receiver(500, 500, 500, 500, 500)) {
			String id = subscribe(receiver.url(), "proposal.published");
			apply(Events.event("proposal.published", Events.proposal("905", "公开"), "level", "FULL"));
			for (int i = 0; i < 30 && receiver.requests.size() < 4; i++) {
				this.worker.drain();
				Thread.sleep(120);
			}
			// three backoff steps configured in the test: 1 + 3 attempts, then DEAD
			assertThat(receiver.requests).hasSize(4);
			this.mvc.perform(get("/api/v1/webhooks/" + id + "/deliveries").header("Authorization", client()))
				.andExpect(jsonPath("$.items[0].state").value("DEAD"))
				.andExpect(jsonPath("$.items[0].lastStatus").value(500));
		}
	}

	@Test
	void goneReceiverDisablesTheSubscription() throws Exception {
		try (Receiver receiver = new Receiver(410)) {
			String id = subscribe(receiver.url(), "*");
			apply(Events.event("proposal.closed", Events.proposal("902", "交通")));
			this.worker.drain();
			this.mvc.perform(get("/api/v1/webhooks/" + id).header("Authorization", client()))
				.andExpect(jsonPath("$.enabled").value(false));
			apply(Events.event("proposal.published", Events.proposal("902", "交通"), "level", "FULL"));
			Thread.sleep(150);
			this.worker.drain();
			assertThat(receiver.requests).hasSize(1);
		}
	}

	@Test
	void internalAddressesAreRefusedUnlessAllowed() throws Exception {
		for (String url : new String[] { "http://localhost:9/x", "http://10.1.2.3/x", "http://169.254.169.254/latest",
				"http://[::1]/x", "http://192.168.1.1/x", "file:///etc/passwd", "ftp://example.com/x" }) {
			this.mvc
				.perform(post("/api/v1/webhooks").header("Authorization", client())
					.contentType(MediaType.APPLICATION_JSON)
					.content(body(url, "*")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("webhook-url-not-allowed"));
		}
		// an ADMIN allows localhost explicitly; then it is accepted
		this.mvc
			.perform(post("/api/v1/webhooks/allowed-hosts").header("Authorization", admin())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"host\":\"localhost\"}"))
			.andExpect(status().isCreated());
		String id = this.json.readTree(this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("http://localhost:9/x", "proposal.reply-reclassified")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).path("id").asString();
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.delete("/api/v1/webhooks/allowed-hosts/localhost")
				.header("Authorization", admin()))
			.andExpect(status().isNoContent());
		// checked again at delivery time: no longer allowed, so never called
		apply(Events.event("proposal.reply-reclassified", Events.proposal("903", "复核"), "replyId", "1", "from", "B",
				"to", "A"));
		this.worker.drain();
		this.mvc.perform(get("/api/v1/webhooks/" + id + "/deliveries").header("Authorization", client()))
			.andExpect(jsonPath("$.items[0].state").value("DEAD"))
			.andExpect(jsonPath("$.items[0].lastError").value("address refused: internal-address"));
	}

	@Test
	void onlyManagersSeeSubscriptionsAndOnlyTheirOwn() throws Exception {
		try (Receiver receiver = new Receiver()) {
			String id = subscribe(receiver.url(), "*");
			this.mvc
				.perform(
						get("/api/v1/webhooks").header("Authorization", bearer(userToken("u-member1", "MEMBER", null))))
				.andExpect(status().isForbidden());
			this.mvc
				.perform(get("/api/v1/webhooks/" + id).header("Authorization",
						bearer(clientToken("other-client", "webhooks:manage"))))
				.andExpect(status().isNotFound());
			this.mvc
				.perform(get("/api/v1/webhooks/" + id + "/deliveries").header("Authorization",
						bearer(clientToken("other-client", "webhooks:manage"))))
				.andExpect(status().isNotFound());
			this.mvc.perform(get("/api/v1/webhooks/" + id).header("Authorization", admin())).andExpect(status().isOk());
			this.mvc
				.perform(post("/api/v1/webhooks/allowed-hosts").header("Authorization", client())
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"host\":\"evil\"}"))
				.andExpect(status().isForbidden());
			this.mvc
				.perform(post("/api/v1/webhooks").header("Authorization", client())
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"url\":\"" + receiver.url() + "\",\"events\":[\"DROP TABLE\"],\"secret\":\"short\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation-failed"));
			this.mvc
				.perform(post("/api/v1/webhooks").header("Authorization", client())
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"url\": 12, \"events\": \"x\""))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void idempotencyKeyReturnsTheFirstAnswer() throws Exception {
		String first = this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("http://127.0.0.1:9/a", "*")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String again = this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("http://127.0.0.1:9/a", "*")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(this.json.readTree(again).path("id").asString())
			.isEqualTo(this.json.readTree(first).path("id").asString());
		this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("http://127.0.0.1:9/b", "*")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("idempotency-key-reused"));
		// a refused request is audited and does not use up its key
		this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.header("Idempotency-Key", "k-2")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("http://10.0.0.1/x", "*")))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.header("Idempotency-Key", "k-2")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("http://127.0.0.1:9/c", "*")))
			.andExpect(status().isCreated());
		assertThat(this.jdbc.sql(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.create' AND result = 'DENIED' AND user_id = 'demo-12345'")
			.query(Long.class)
			.single()).isPositive();
	}

	private String subscribe(String url, String event) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/v1/webhooks").header("Authorization", client())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(url, event)))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString()).path("id").asString();
	}

	private String body(String url, String event) {
		return this.json.writeValueAsString(Map.of("url", url, "events", java.util.List.of(event), "secret", SECRET));
	}

	private static String client() {
		return bearer(clientToken("demo-12345", "webhooks:manage", "events:read"));
	}

	private static String admin() {
		return bearer(userToken("u-admin", "ADMIN", null));
	}

	private static String hmac(byte[] key, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
