package cn.gov.cppcc.proposals.notification;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The full life of a proposal: every event reaches exactly the right people, in their
 * language, naming the proposal; applying every event again delivers nothing twice.
 */
class ProposalLifeTest extends IntegrationTest {

	private static final String M1 = "u-member1";

	private static final String M2 = "u-member2";

	private static final String M3 = "u-member3";

	private static final String COMMITTEE = "u-committee1";

	private static final Set<String> GXT = Set.of("u-handler-gxt", "u-leader-gxt");

	private static final Set<String> ZWB = Set.of("u-handler-zwb", "u-leader-zwb");

	@Test
	void everyEventReachesTheRightPeopleAndNoOthersExactlyOnce() throws Exception {
		this.mvc
			.perform(put("/api/v1/notification-preferences")
				.header("Authorization", bearer(userToken(M2, "MEMBER", null)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"locale\":\"en\",\"channels\":{\"FILED\":[\"EMAIL\"]}}"))
			.andExpect(status().isOk());

		Map<String, Object> p = Events.proposal("768", "加快智慧江苏建设");
		p.put("invitedCoSignerIds", List.of(M2, M3));
		EventEnvelope submitted = Events.event("proposal.submitted", p, "invitedCoSignerIds", List.of(M2, M3));
		p.put("proposerIds", List.of(M1, M2));
		p.put("invitedCoSignerIds", List.of(M3));
		EventEnvelope confirmed = Events.event("proposal.co-signature-confirmed", p, "memberId", M2);
		EventEnvelope declined = Events.event("proposal.co-signature-declined", p, "memberId", M3, "expired", false);
		p.put("invitedCoSignerIds", List.of());
		p.put("number", "十二届一次会议第0768号");
		p.put("serial", 768);
		EventEnvelope filed = Events.event("proposal.filed", p, "number", "十二届一次会议第0768号", "serial", 768);
		p.put("mode", "LEAD");
		p.put("leadUnitId", "7");
		p.put("coUnitIds", List.of("9"));
		p.put("replyDeadline", "2026-06-14");
		EventEnvelope assigned = Events.event("proposal.assigned", p, "mode", "LEAD", "leadUnitId", "7", "coUnitIds",
				List.of("9"), "replyDeadline", "2026-06-14", "objectionDeadline", "2026-03-24", "coOpinionDeadline",
				"2026-04-14");
		EventEnvelope objection = Events.event("proposal.objection-raised", p, "objectionId", "1", "unitId", "9",
				"reason", "不属于本单位职责");
		EventEnvelope objectionRejected = Events.event("proposal.objection-decided", p, "objectionId", "1", "unitId",
				"9", "upheld", false, "newLeadUnitId", null, "note", "请继续协办");
		EventEnvelope extension = Events.event("proposal.extension-requested", p, "extensionId", "2", "unitId", "7",
				"newDeadline", "2026-07-14", "reason", "需要调研");
		EventEnvelope extensionDecided = Events.event("proposal.extension-decided", p, "extensionId", "2", "approved",
				true, "replyDeadline", "2026-07-14", "note", "");
		EventEnvelope communication = Events.event("proposal.communication-recorded", p, "unitId", "7", "kind",
				"MEETING", "at", "2026-04-01T10:00:00+08:00");
		EventEnvelope reminder = Events.event("proposal.deadline-reminder", p, "deadlineKind", "REPLY", "dueOn",
				"2026-07-14", "unitId", "7", "daysLeft", 3);
		EventEnvelope overdue = Events.event("proposal.deadline-overdue", p, "deadlineKind", "REPLY", "dueOn",
				"2026-07-14", "unitId", "7");
		EventEnvelope reply = Events.event("proposal.reply-submitted", p, "replyId", "5", "unitId", "7", "resultClass",
				"B", "round", 1, "onTime", true, "allUnitsReplied", true);
		EventEnvelope unsatisfied = Events.event("proposal.feedback-received", p, "memberId", M2, "rating",
				"UNSATISFIED", "round", 1);
		EventEnvelope rehandling = Events.event("proposal.rehandling-started", p, "replyDeadline", "2026-08-14",
				"round", 2);
		EventEnvelope closed = Events.event("proposal.closed", p);
		EventEnvelope published = Events.event("proposal.published", p, "level", "SUMMARY");

		List<EventEnvelope> life = List.of(submitted, confirmed, declined, filed, assigned, objection,
				objectionRejected, extension, extensionDecided, communication, reminder, overdue, reply, unsatisfied,
				rehandling, closed, published);
		life.forEach(this::apply);
		settle();

		assertThat(inboxRecipients(submitted)).containsExactlyInAnyOrder(M1, COMMITTEE, M2, M3);
		assertThat(inboxRecipients(confirmed)).containsExactly(M1);
		assertThat(inboxRecipients(declined)).containsExactly(M1);
		assertThat(inboxRecipients(filed)).containsExactlyInAnyOrder(M1, M2);
		assertThat(inboxRecipients(assigned)).containsExactlyInAnyOrderElementsOf(union(GXT, ZWB, Set.of(M1, M2)));
		assertThat(inboxRecipients(objection)).containsExactly(COMMITTEE);
		assertThat(inboxRecipients(objectionRejected)).containsExactlyInAnyOrderElementsOf(ZWB);
		assertThat(inboxRecipients(extension)).containsExactly(COMMITTEE);
		assertThat(inboxRecipients(extensionDecided)).containsExactlyInAnyOrderElementsOf(GXT);
		assertThat(inboxRecipients(communication)).isEmpty();
		assertThat(inboxRecipients(reminder)).containsExactlyInAnyOrderElementsOf(GXT);
		assertThat(inboxRecipients(overdue)).containsExactlyInAnyOrderElementsOf(union(GXT, Set.of(COMMITTEE)));
		assertThat(inboxRecipients(reply)).containsExactlyInAnyOrder(M1, M2);
		assertThat(inboxRecipients(unsatisfied)).containsExactlyInAnyOrderElementsOf(union(GXT, Set.of(COMMITTEE)));
		assertThat(inboxRecipients(rehandling)).containsExactlyInAnyOrderElementsOf(union(GXT, Set.of(M1, M2)));
		assertThat(inboxRecipients(closed)).containsExactlyInAnyOrderElementsOf(union(GXT, ZWB, Set.of(M1, M2)));
		assertThat(inboxRecipients(published)).containsExactlyInAnyOrder(M1, M2);

		// Chinese by default, naming the proposal by title before numbering and by number
		// after
		assertThat(title(submitted, M1)).isEqualTo("提案已提交：《加快智慧江苏建设》");
		assertThat(title(submitted, M3)).startsWith("联名邀请");
		assertThat(title(filed, M1)).isEqualTo("提案已立案：十二届一次会议第0768号《加快智慧江苏建设》");
		assertThat(body(assigned, "u-handler-gxt")).contains("主办").contains("2026-06-14");
		assertThat(body(assigned, "u-handler-zwb")).contains("协办");
		assertThat(body(reply, M1)).contains("征询意见");
		assertThat(body(overdue, COMMITTEE)).contains("答复").contains("2026-07-14");
		// English for the member who chose it
		assertThat(title(filed, M2)).isEqualTo("Proposal filed: 十二届一次会议第0768号 \"加快智慧江苏建设\"");

		// default channel: email for every kind; member2 chose email for FILED only
		assertThat(deliveries(filed)).containsExactlyInAnyOrder(M1 + "/EMAIL", M2 + "/EMAIL");
		assertThat(deliveries(assigned)).doesNotContain(M2 + "/EMAIL").contains(M1 + "/EMAIL");

		long inbox = count("notification");
		long deliveries = count("delivery");
		// the feed is at-least-once: the whole life again changes nothing
		life.forEach(this::apply);
		settle();
		assertThat(count("notification")).isEqualTo(inbox);
		assertThat(count("delivery")).isEqualTo(deliveries);
	}

	@Test
	void upheldObjectionTellsTheObjectingUnitAndTheNewLeadUnit() {
		Map<String, Object> p = Events.proposal("801", "推进政务服务一张网");
		p.put("number", "十二届一次会议第0801号");
		p.put("mode", "LEAD");
		p.put("leadUnitId", "9");
		p.put("replyDeadline", "2026-06-20");
		EventEnvelope decided = Events.event("proposal.objection-decided", p, "objectionId", "3", "unitId", "9",
				"upheld", true, "newLeadUnitId", "11", "note", "改由大数据中心主办");
		apply(decided);
		settle();
		assertThat(inboxRecipients(decided)).containsExactlyInAnyOrderElementsOf(union(ZWB, Set.of("u-handler-dsj")));
		assertThat(body(decided, "u-handler-dsj")).contains("十二届一次会议第0801号").contains("2026-06-20");
	}

	private String title(EventEnvelope event, String recipient) {
		return this.jdbc.sql("SELECT title FROM notification WHERE event_id = :e AND recipient_id = :r")
			.param("e", event.id())
			.param("r", recipient)
			.query(String.class)
			.single();
	}

	private String body(EventEnvelope event, String recipient) {
		return this.jdbc.sql("SELECT body FROM notification WHERE event_id = :e AND recipient_id = :r")
			.param("e", event.id())
			.param("r", recipient)
			.query(String.class)
			.single();
	}

	private List<String> deliveries(EventEnvelope event) {
		return this.jdbc.sql("SELECT CONCAT(recipient, '/', channel) FROM delivery WHERE event_id = :e")
			.param("e", event.id())
			.query(String.class)
			.list();
	}

	private long count(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	@SafeVarargs
	private static Set<String> union(Set<String>... sets) {
		java.util.Set<String> all = new java.util.HashSet<>();
		for (Set<String> s : sets) {
			all.addAll(s);
		}
		return all;
	}

}
