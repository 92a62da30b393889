package cn.gov.cppcc.proposals.notification.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.notification.preference.NotificationKind;
import cn.gov.cppcc.proposals.notification.routing.Target.Committee;
import cn.gov.cppcc.proposals.notification.routing.Target.Unit;
import cn.gov.cppcc.proposals.notification.routing.Target.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing rules that the full-life test does not cover, and the templates.
 */
class RouterTest {

	private static final ProposalSnapshot SEPARATE = new ProposalSnapshot("1", "十二届一次会议第0001号", "分办提案", "a",
			List.of("a", "b"), List.of("c"), "SEPARATE", null, List.of(), List.of("7", "9"), "2026-06-14");

	@Test
	void separateHandlingTellsEveryAnsweringUnit() {
		List<Routed> feedback = Router.route("proposal.feedback-received", SEPARATE, Map.of("rating", "SATISFIED"));
		assertThat(feedback).extracting(Routed::target)
			.containsExactlyInAnyOrder(new Unit("7"), new Unit("9"), new Committee());
		List<Routed> assigned = Router.route("proposal.assigned", SEPARATE, Map.of("mode", "SEPARATE"));
		assertThat(assigned).filteredOn((r) -> r.target() instanceof Unit)
			.allMatch((r) -> r.message().template().equals("assigned.lead"))
			.hasSize(2);
	}

	@Test
	void deadlinesGoToWhoeverOwesThem() {
		assertThat(targets("proposal.deadline-reminder", Map.of("deadlineKind", "CO_SIGNATURE", "dueOn", "x")))
			.containsExactly(new User("c"));
		assertThat(targets("proposal.deadline-reminder", Map.of("deadlineKind", "FEEDBACK", "dueOn", "x")))
			.containsExactlyInAnyOrder(new User("a"), new User("b"));
		assertThat(targets("proposal.deadline-overdue", Map.of("deadlineKind", "PUBLICATION", "dueOn", "x")))
			.containsExactly(new Committee());
		assertThat(targets("proposal.deadline-overdue", Map.of("deadlineKind", "CO_OPINION", "unitId", "9")))
			.containsExactlyInAnyOrder(new Unit("9"), new Committee());
		assertThat(targets("proposal.drafted", Map.of())).isEmpty();
		assertThat(targets("proposal.withdrawn", Map.of())).isEmpty();
		assertThat(targets("proposal.reply-reclassified", Map.of())).isEmpty();
	}

	@Test
	void expiredCoSignatureHasItsOwnMessage() {
		List<Routed> routed = Router.route("proposal.co-signature-declined", SEPARATE,
				Map.of("memberId", "c", "expired", true));
		assertThat(routed).singleElement().satisfies((r) -> {
			assertThat(r.target()).isEqualTo(new User("a"));
			assertThat(r.message().template()).isEqualTo("cosign-expired");
		});
	}

	@Test
	void templatesInChineseAndEnglishWithLabels() {
		Templates templates = new Templates();
		Message message = Message.of(NotificationKind.DEADLINE_REMINDER, "deadline-reminder", "REPLY", "2026-06-14",
				"3");
		Templates.Rendered zh = templates.render(message, SEPARATE, Locale.SIMPLIFIED_CHINESE);
		assertThat(zh.title()).isEqualTo("办理期限提醒：十二届一次会议第0001号《分办提案》");
		assertThat(zh.body()).isEqualTo("提案十二届一次会议第0001号《分办提案》的答复期限为2026-06-14，还剩3天，请抓紧办理。");
		Templates.Rendered en = templates.render(message, SEPARATE, Locale.ENGLISH);
		assertThat(en.body())
			.isEqualTo("The reply deadline of proposal 十二届一次会议第0001号 \"分办提案\" is 2026-06-14, 3 days left.");
		// every template has a title and a body in both languages
		for (String key : List.of("submitted.author", "submitted.committee", "cosign-invitation", "cosign-confirmed",
				"cosign-declined", "cosign-expired", "filed", "not-filed", "merged", "assigned.lead", "assigned.co",
				"assigned.proposer", "objection-raised", "objection-upheld", "objection-rejected", "objection-new-lead",
				"extension-requested", "extension-approved", "extension-rejected", "deadline-reminder",
				"deadline-overdue", "deadline-overdue.committee", "reply-submitted", "feedback-received",
				"rehandling.unit", "rehandling.proposer", "closed.proposer", "closed.unit", "published",
				"key-selected.unit", "key-selected.proposer", "key-cancelled.unit", "supervision.unit",
				"progress-reported", "follow-up", "not-filed.forwarding-consent", "forwarded.unit",
				"forwarded.committee", "forwarding-declined.committee")) {
			Message m = Message.of(NotificationKind.FILED, key, "a", "b", "c");
			assertThat(templates.render(m, SEPARATE, Locale.SIMPLIFIED_CHINESE).title()).doesNotContain("{");
			assertThat(templates.render(m, SEPARATE, Locale.ENGLISH).body()).doesNotContain("{")
				.matches("(?s)[\\x20-\\x7E十二届一次会议第号分办提案\"]+");
		}
	}

	@Test
	void keyProposalsAndFollowUpsReachWhoeverActsOnThem() {
		assertThat(
				targets("proposal.key-proposal-selected", Map.of("supervisor", "张副主席", "leadingUnitIds", List.of("7"))))
			.containsExactlyInAnyOrder(new Unit("7"), new User("a"), new User("b"));
		assertThat(targets("proposal.key-proposal-cancelled", Map.of("reason", "r")))
			.containsExactlyInAnyOrder(new Unit("7"), new Unit("9"));
		assertThat(targets("proposal.progress-reported", Map.of("unitId", "7"))).containsExactly(new Committee());
		assertThat(targets("proposal.follow-up-submitted", Map.of("resultClass", "A")))
			.containsExactlyInAnyOrder(new User("a"), new User("b"), new Committee());
		assertThat(targets("proposal.deadline-overdue", Map.of("deadlineKind", "FOLLOW_UP", "unitId", "9")))
			.containsExactlyInAnyOrder(new Unit("9"), new Committee());
		Templates templates = new Templates();
		Message reminder = Message.of(NotificationKind.DEADLINE_REMINDER, "deadline-reminder", "KEY_PROGRESS",
				"2026-06-14", "3");
		assertThat(templates.render(reminder, SEPARATE, Locale.SIMPLIFIED_CHINESE).body())
			.contains("重点提案办理进展报送期限为2026-06-14");
		Message supervision = Router
			.route("proposal.supervision-recorded", SEPARATE, Map.of("kind", "INSPECTION", "at", "2026-05-20"))
			.get(0)
			.message();
		assertThat(templates.render(supervision, SEPARATE, Locale.SIMPLIFIED_CHINESE).body()).contains("视察，2026-05-20");
	}

	@Test
	void theCommunicationDeadlineRemindsTheReplyingUnit() {
		assertThat(targets("proposal.deadline-reminder",
				Map.of("deadlineKind", "COMMUNICATION", "unitId", "7", "dueOn", "2026-06-14", "daysLeft", 3)))
			.containsExactly(new Unit("7"));
		assertThat(targets("proposal.deadline-overdue",
				Map.of("deadlineKind", "COMMUNICATION", "unitId", "7", "dueOn", "2026-06-14")))
			.containsExactlyInAnyOrder(new Unit("7"), new Committee());
		Templates templates = new Templates();
		Message reminder = Message.of(NotificationKind.DEADLINE_REMINDER, "deadline-reminder", "COMMUNICATION",
				"2026-06-14", "3");
		assertThat(templates.render(reminder, SEPARATE, Locale.SIMPLIFIED_CHINESE).body())
			.contains("办前沟通期限为2026-06-14");
		assertThat(templates.render(reminder, SEPARATE, Locale.ENGLISH).body())
			.contains("meeting with the proposer deadline");
	}

	@Test
	void forwardingAsAnOpinionAsksTheAuthorThenTellsTheUnitOrTheCommittee() {
		List<Routed> notFiled = Router.route("proposal.not-filed", SEPARATE, Map.of("reason", "PERSONAL_MATTER",
				"forwardingRequested", true, "forwardToUnitId", "4", "forwardToUnitName", "省大数据管理中心"));
		// one message per recipient and event: the author's asks for consent
		assertThat(notFiled).extracting(Routed::target).containsExactlyInAnyOrder(new User("a"), new User("b"));
		assertThat(notFiled).filteredOn((r) -> r.message().template().equals("not-filed.forwarding-consent"))
			.singleElement()
			.satisfies((r) -> {
				assertThat(r.target()).isEqualTo(new User("a"));
				assertThat(new Templates().render(r.message(), SEPARATE, Locale.SIMPLIFIED_CHINESE).body())
					.contains("理由：属个人事务", "转送省大数据管理中心");
			});
		assertThat(notFiled).filteredOn((r) -> r.target().equals(new User("b")))
			.extracting((r) -> r.message().template())
			.containsExactly("not-filed");
		assertThat(targets("proposal.not-filed", Map.of("reason", "OTHER", "forwardingRequested", false)))
			.containsExactlyInAnyOrder(new User("a"), new User("b"));
		assertThat(targets("proposal.forwarded", Map.of("toUnitId", "4", "toUnitName", "省大数据管理中心")))
			.containsExactlyInAnyOrder(new Unit("4"), new Committee());
		assertThat(targets("proposal.forwarding-declined", Map.of("toUnitId", "4"))).containsExactly(new Committee());
	}

	private static List<Target> targets(String type, Map<String, Object> payload) {
		return Router.route(type, SEPARATE, payload).stream().map(Routed::target).toList();
	}

}
