package cn.gov.cppcc.proposals.notification;

import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.notification.delivery.Delivery;
import cn.gov.cppcc.proposals.notification.delivery.DeliveryRepository;
import cn.gov.cppcc.proposals.notification.directory.Directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sending: email to a real SMTP server (GreenMail) including one that refuses for a
 * while, SMS with its rate limit, a crashed worker's claim, department-service down.
 */
class DeliveryTest extends IntegrationTest {

	@Autowired
	DeliveryRepository deliveries;

	@Autowired
	Directory directory;

	@Test
	void chineseMailArrivesAfterTheServerRefusedForAWhile() throws Exception {
		Map<String, Object> p = Events.proposal("950", "关于加快智慧江苏建设的提案");
		p.put("number", "十二届一次会议第0950号");
		EventEnvelope filed = Events.event("proposal.filed", p, "number", "十二届一次会议第0950号");
		apply(filed);
		// nothing listens on the mail port yet: the attempt fails and is retried later
		this.worker.drain();
		Delivery first = email(filed, "u-member1");
		assertThat(first.state()).isEqualTo("PENDING");
		assertThat(first.attempts()).isGreaterThanOrEqualTo(1);

		GreenMail mail = new GreenMail(new ServerSetup(MAIL_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		try {
			Thread.sleep(150);
			for (int i = 0; i < 20 && !"SENT".equals(email(filed, "u-member1").state()); i++) {
				this.worker.drain();
				Thread.sleep(100);
			}
			Delivery sent = email(filed, "u-member1");
			assertThat(sent.state()).isEqualTo("SENT");
			List<MimeMessage> received = Arrays.stream(mail.getReceivedMessages())
				.filter((m) -> recipients(m).contains("member1@example.gov.cn"))
				.filter((m) -> subject(m).contains("0950"))
				.toList();
			assertThat(received).hasSize(1);
			MimeMessage message = received.get(0);
			assertThat(message.getSubject()).isEqualTo("提案已立案：十二届一次会议第0950号《关于加快智慧江苏建设的提案》");
			assertThat(String.valueOf(message.getContent())).contains("已立案");
			assertThat(message.getMessageID()).contains(sent.messageId());
		}
		finally {
			mail.stop();
		}
	}

	@Test
	void aDeliveryClaimedByACrashedWorkerIsSentOnceLaterWithTheSameId() throws Exception {
		try (Receiver receiver = new Receiver()) {
			this.jdbc
				.sql("""
						INSERT INTO webhook_subscription (owner, url, events, secret, enabled, created_at, updated_at)
						VALUES ('crash-test', :url, 'proposal.withdrawn', 'a-secret-of-sixteen', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
						""")
				.param("url", receiver.url())
				.update();
			EventEnvelope event = Events.event("proposal.withdrawn", Events.proposal("951", "撤回"));
			apply(event);
			Delivery delivery = this.deliveries.findByEvent(event.id())
				.stream()
				.filter((d) -> d.channel().equals("WEBHOOK"))
				.findFirst()
				.orElseThrow();
			// a worker claimed it and died before finishing: its claim is still valid ...
			LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
			this.jdbc.sql("UPDATE delivery SET claimed_by = 'dead-worker', claimed_until = :until WHERE id = :id")
				.param("until", now.plusMinutes(5))
				.param("id", delivery.id())
				.update();
			this.worker.drain();
			assertThat(receiver.requests).isEmpty();
			// ... until it expires; then another worker sends it, once, with the same id
			this.jdbc.sql("UPDATE delivery SET claimed_until = :until WHERE id = :id")
				.param("until", now.minusSeconds(1))
				.param("id", delivery.id())
				.update();
			this.worker.drain();
			this.worker.drain();
			assertThat(receiver.requests).hasSize(1);
			assertThat(receiver.requests.get(0).headers().get("webhook-id")).isEqualTo(delivery.messageId());
			assertThat(this.deliveries.find(delivery.id()).state()).isEqualTo("SENT");
			this.jdbc.sql("UPDATE webhook_subscription SET enabled = 0 WHERE owner = 'crash-test'").update();
		}
	}

	@Test
	void smsOverTheRateLimitIsSkippedVisiblyWhileInAppStillArrives() throws Exception {
		DEPARTMENT.person("u-sms1", "sms1", "短信委员", "MEMBER", null, "13700000001");
		this.mvc
			.perform(put("/api/v1/notification-preferences")
				.header("Authorization", bearer(userToken("u-sms1", "MEMBER", null)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"channels\":{\"FILED\":[\"SMS\",\"IN_APP\"]}}"))
			.andExpect(status().isOk());
		List<EventEnvelope> events = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Map<String, Object> p = Events.proposal("96" + i, "短信测试" + i);
			p.put("authorId", "u-sms1");
			p.put("proposerIds", List.of("u-sms1"));
			events.add(Events.event("proposal.filed", p, "number", "096" + i));
		}
		events.forEach(this::apply);
		this.worker.drain();
		List<String> states = this.jdbc
			.sql("SELECT state FROM delivery WHERE recipient = 'u-sms1' AND channel = 'SMS' ORDER BY id")
			.query(String.class)
			.list();
		assertThat(states).containsExactly("SENT", "SENT", "SENT", "SKIPPED_RATE_LIMIT", "SKIPPED_RATE_LIMIT");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient_id = 'u-sms1'")
			.query(Long.class)
			.single()).isEqualTo(5);
		assertThat(Files.readAllLines(SMS_FILE).stream().filter((l) -> l.contains("13700000001"))).hasSize(3);
		// visible to operators, not to others
		this.mvc
			.perform(get("/api/v1/internal/deliveries?recipient=u-sms1&state=SKIPPED_RATE_LIMIT")
				.header("Authorization", bearer(userToken("u-admin", "ADMIN", null))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].channel").value("SMS"));
		this.mvc
			.perform(get("/api/v1/internal/deliveries").header("Authorization",
					bearer(userToken("u-sms1", "MEMBER", null))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(get("/api/v1/internal/deliveries?state=LOST").header("Authorization",
					bearer(userToken("u-admin", "ADMIN", null))))
			.andExpect(status().isBadRequest());
		// no email: the person chose SMS only for this kind
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM delivery WHERE recipient = 'u-sms1' AND channel = 'EMAIL'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void whenDepartmentServiceIsDownKnownPeopleAreToldAndUnitsLater() throws Exception {
		this.directory.evictAll();
		DEPARTMENT.down.set(true);
		try {
			Map<String, Object> p = Events.proposal("970", "数据共享交换平台");
			p.put("number", "十二届一次会议第0970号");
			p.put("mode", "LEAD");
			p.put("leadUnitId", "11");
			p.put("replyDeadline", "2026-06-30");
			EventEnvelope assigned = Events.event("proposal.assigned", p, "leadUnitId", "11", "replyDeadline",
					"2026-06-30");
			apply(assigned);
			assertThat(inboxRecipients(assigned)).containsExactly("u-member1");
			this.worker.drain();
			assertThat(inboxRecipients(assigned)).containsExactly("u-member1");

			DEPARTMENT.down.set(false);
			for (int i = 0; i < 20 && inboxRecipients(assigned).size() < 2; i++) {
				Thread.sleep(120);
				this.worker.drain();
			}
			assertThat(inboxRecipients(assigned)).containsExactlyInAnyOrder("u-member1", "u-handler-dsj");
			assertThat(DEPARTMENT.authorizations).contains("Bearer service-token");
		}
		finally {
			DEPARTMENT.down.set(false);
		}
	}

	@Test
	void markReadIsOnlyForTheOwner() throws Exception {
		EventEnvelope event = Events.event("proposal.merged", Events.proposal("980", "并案"), "intoId", "1");
		apply(event);
		long id = this.jdbc.sql("SELECT id FROM notification WHERE event_id = :e AND recipient_id = 'u-member1'")
			.param("e", event.id())
			.query(Long.class)
			.single();
		this.mvc
			.perform(post("/api/v1/notifications/" + id + "/read").header("Authorization",
					bearer(userToken("u-member2", "MEMBER", null))))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/notifications/" + id + "/read").header("Authorization",
					bearer(userToken("u-member1", "MEMBER", null))))
			.andExpect(status().isOk());
	}

	private Delivery email(EventEnvelope event, String recipient) {
		return this.deliveries.findByEvent(event.id())
			.stream()
			.filter((d) -> d.channel().equals("EMAIL") && d.recipient().equals(recipient))
			.findFirst()
			.orElseThrow();
	}

	private static String recipients(MimeMessage message) {
		try {
			return Arrays.toString(message.getAllRecipients());
		}
		catch (Exception ex) {
			return "";
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (Exception ex) {
			return "";
		}
	}

}
