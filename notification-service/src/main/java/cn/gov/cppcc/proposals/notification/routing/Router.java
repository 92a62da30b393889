package cn.gov.cppcc.proposals.notification.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import cn.gov.cppcc.proposals.notification.preference.NotificationKind;
import cn.gov.cppcc.proposals.notification.routing.Target.Committee;
import cn.gov.cppcc.proposals.notification.routing.Target.Unit;
import cn.gov.cppcc.proposals.notification.routing.Target.User;

/**
 * Who hears what (issue 6): from one proposal event, the messages and their recipients.
 * Pure: no I/O, so every rule is unit-testable. Events nobody needs to hear about
 * (drafted, withdrawn, communication recorded, co-opinion, reclassified) give nothing;
 * the 办前沟通 deadline (COMMUNICATION) reminds the replying unit's staff like every unit
 * deadline; webhooks receive every event regardless.
 */
public final class Router {

	private Router() {
	}

	public static List<Routed> route(String type, ProposalSnapshot p, Map<String, Object> payload) {
		List<Routed> out = new ArrayList<>();
		switch (type) {
			case "proposal.submitted" -> {
				users(out, List.of(p.authorId()), Message.of(NotificationKind.SUBMITTED, "submitted.author"));
				out.add(new Routed(new Committee(), Message.of(NotificationKind.SUBMITTED, "submitted.committee")));
				List<String> invited = strings(payload.get("invitedCoSignerIds"));
				users(out, invited.isEmpty() ? nonNull(p.invitedCoSignerIds()) : invited,
						Message.of(NotificationKind.CO_SIGN_INVITATION, "cosign-invitation"));
			}
			case "proposal.co-signature-confirmed" ->
				users(out, List.of(p.authorId()), Message.of(NotificationKind.CO_SIGNATURE, "cosign-confirmed"));
			case "proposal.co-signature-declined" ->
				users(out, List.of(p.authorId()), Message.of(NotificationKind.CO_SIGNATURE,
						Boolean.TRUE.equals(payload.get("expired")) ? "cosign-expired" : "cosign-declined"));
			case "proposal.filed" ->
				users(out, p.proposers(), Message.of(NotificationKind.FILED, "filed", str(payload, "number")));
			case "proposal.not-filed" -> {
				Message notFiled = Message.of(NotificationKind.NOT_FILED, "not-filed", str(payload, "reason"),
						str(payload, "note"));
				if (Boolean.TRUE.equals(payload.get("forwardingRequested")) && p.authorId() != null) {
					// forwarding as an opinion (社情民意) needs the author's consent: the
					// author's one message of this event asks for it (one message per
					// recipient and event)
					users(out, List.of(p.authorId()),
							Message.of(NotificationKind.NOT_FILED, "not-filed.forwarding-consent",
									str(payload, "reason"), str(payload, "note"),
									firstNonNull(str(payload, "forwardToUnitName"), str(payload, "forwardToUnitId"))));
					users(out, p.proposers().stream().filter((m) -> !m.equals(p.authorId())).toList(), notFiled);
				}
				else {
					users(out, p.proposers(), notFiled);
				}
			}
			// the author agreed: the receiving unit gets the opinion, the committee
			// learns
			// it went; the author declined: the committee learns it did not
			case "proposal.forwarded" -> {
				String unit = str(payload, "toUnitId");
				if (unit != null) {
					out.add(new Routed(new Unit(unit), Message.of(NotificationKind.NOT_FILED, "forwarded.unit")));
				}
				out.add(new Routed(new Committee(), Message.of(NotificationKind.NOT_FILED, "forwarded.committee",
						firstNonNull(str(payload, "toUnitName"), unit))));
			}
			case "proposal.forwarding-declined" -> out.add(new Routed(new Committee(),
					Message.of(NotificationKind.NOT_FILED, "forwarding-declined.committee")));
			case "proposal.merged" -> users(out, p.proposers(), Message.of(NotificationKind.MERGED, "merged"));
			case "proposal.assigned" -> {
				String deadline = firstNonNull(str(payload, "replyDeadline"), p.replyDeadline());
				List<String> units = new ArrayList<>();
				addIfPresent(units, firstNonNull(str(payload, "leadUnitId"), p.leadUnitId()));
				strings(payload.get("coUnitIds")).forEach((u) -> addIfPresent(units, u));
				p.allUnits().forEach((u) -> addIfPresent(units, u));
				for (String unit : units) {
					boolean lead = unit.equals(p.leadUnitId()) || "SEPARATE".equals(p.mode());
					out.add(new Routed(new Unit(unit), Message.of(NotificationKind.ASSIGNED,
							lead ? "assigned.lead" : "assigned.co", deadline, str(payload, "objectionDeadline"))));
				}
				users(out, p.proposers(), Message.of(NotificationKind.ASSIGNED, "assigned.proposer", deadline));
			}
			case "proposal.objection-raised" -> out.add(new Routed(new Committee(),
					Message.of(NotificationKind.OBJECTION, "objection-raised", str(payload, "reason"))));
			case "proposal.objection-decided" -> {
				boolean upheld = Boolean.TRUE.equals(payload.get("upheld"));
				String unit = str(payload, "unitId");
				if (unit != null) {
					out.add(new Routed(new Unit(unit), Message.of(NotificationKind.OBJECTION,
							upheld ? "objection-upheld" : "objection-rejected", str(payload, "note"))));
				}
				String newLead = str(payload, "newLeadUnitId");
				if (upheld && newLead != null && !newLead.equals(unit)) {
					out.add(new Routed(new Unit(newLead),
							Message.of(NotificationKind.ASSIGNED, "objection-new-lead", p.replyDeadline())));
				}
			}
			case "proposal.extension-requested" ->
				out.add(new Routed(new Committee(), Message.of(NotificationKind.EXTENSION, "extension-requested",
						str(payload, "newDeadline"), str(payload, "reason"))));
			case "proposal.extension-decided" -> {
				String unit = firstNonNull(str(payload, "unitId"), p.leadUnitId());
				if (unit != null) {
					boolean approved = Boolean.TRUE.equals(payload.get("approved"));
					out.add(new Routed(new Unit(unit), Message.of(NotificationKind.EXTENSION,
							approved ? "extension-approved" : "extension-rejected",
							firstNonNull(str(payload, "replyDeadline"), p.replyDeadline()), str(payload, "note"))));
				}
			}
			case "proposal.deadline-reminder" -> deadline(out, p, payload, false);
			case "proposal.deadline-overdue" -> deadline(out, p, payload, true);
			case "proposal.reply-submitted" -> users(out, p.proposers(),
					Message.of(NotificationKind.REPLY, "reply-submitted", str(payload, "resultClass")));
			case "proposal.feedback-received" -> {
				Message message = Message.of(NotificationKind.FEEDBACK, "feedback-received", str(payload, "rating"));
				p.answeringUnits().forEach((u) -> out.add(new Routed(new Unit(u), message)));
				out.add(new Routed(new Committee(), message));
			}
			case "proposal.rehandling-started" -> {
				String deadline = firstNonNull(str(payload, "replyDeadline"), p.replyDeadline());
				p.answeringUnits()
					.forEach((u) -> out.add(new Routed(new Unit(u),
							Message.of(NotificationKind.REHANDLING, "rehandling.unit", deadline))));
				users(out, p.proposers(), Message.of(NotificationKind.REHANDLING, "rehandling.proposer", deadline));
			}
			case "proposal.closed" -> {
				users(out, p.proposers(), Message.of(NotificationKind.CLOSED, "closed.proposer"));
				p.allUnits()
					.forEach((u) -> out
						.add(new Routed(new Unit(u), Message.of(NotificationKind.CLOSED, "closed.unit"))));
			}
			case "proposal.published" ->
				users(out, p.proposers(), Message.of(NotificationKind.PUBLISHED, "published", str(payload, "level")));
			// key proposals (重点提案): the leading units and the proposers learn of the
			// selection, the units of supervision, the committee of progress reports
			case "proposal.key-proposal-selected" -> {
				Message message = Message.of(NotificationKind.KEY_PROPOSAL, "key-selected.unit",
						str(payload, "supervisor"), firstNonNull(str(payload, "progressDeadline"), "-"));
				List<String> units = strings(payload.get("leadingUnitIds"));
				(units.isEmpty() ? p.answeringUnits() : units)
					.forEach((u) -> out.add(new Routed(new Unit(u), message)));
				users(out, p.proposers(), Message.of(NotificationKind.KEY_PROPOSAL, "key-selected.proposer"));
			}
			case "proposal.key-proposal-cancelled" -> p.answeringUnits()
				.forEach((u) -> out.add(new Routed(new Unit(u),
						Message.of(NotificationKind.KEY_PROPOSAL, "key-cancelled.unit", str(payload, "reason")))));
			case "proposal.supervision-recorded" -> p.answeringUnits()
				.forEach((u) -> out.add(new Routed(new Unit(u), Message.of(NotificationKind.KEY_PROPOSAL,
						"supervision.unit", str(payload, "kind"), str(payload, "at")))));
			case "proposal.progress-reported" ->
				out.add(new Routed(new Committee(), Message.of(NotificationKind.KEY_PROPOSAL, "progress-reported")));
			// the follow-up answer to a B-class reply goes to the proposers and the
			// committee
			case "proposal.follow-up-submitted" -> {
				Message message = Message.of(NotificationKind.FOLLOW_UP, "follow-up", str(payload, "resultClass"));
				users(out, p.proposers(), message);
				out.add(new Routed(new Committee(), message));
			}
			default -> {
				// drafted, withdrawn, communication-recorded, co-opinion-submitted,
				// reply-reclassified:
				// no person needs telling (webhooks still receive them)
			}
		}
		return out;
	}

	/**
	 * Reminders go to whoever owes the deadline: the unit for unit deadlines, invited
	 * co-signers for the co-signature deadline, proposers for feedback, the committee for
	 * publication. Overdue unit deadlines are copied to the committee.
	 */
	private static void deadline(List<Routed> out, ProposalSnapshot p, Map<String, Object> payload, boolean overdue) {
		String kind = firstNonNull(str(payload, "deadlineKind"), "REPLY");
		String due = str(payload, "dueOn");
		NotificationKind nk = overdue ? NotificationKind.DEADLINE_OVERDUE : NotificationKind.DEADLINE_REMINDER;
		String template = overdue ? "deadline-overdue" : "deadline-reminder";
		String days = str(payload, "daysLeft");
		Message message = Message.of(nk, template, kind, due, days);
		String unit = str(payload, "unitId");
		switch (kind) {
			case "CO_SIGNATURE" -> users(out, nonNull(p.invitedCoSignerIds()), message);
			case "FEEDBACK" -> users(out, p.proposers(), message);
			case "PUBLICATION" -> out.add(new Routed(new Committee(), message));
			default -> {
				List<String> units = (unit != null) ? List.of(unit) : p.answeringUnits();
				units.forEach((u) -> out.add(new Routed(new Unit(u), message)));
				if (overdue) {
					out.add(new Routed(new Committee(), Message.of(nk, "deadline-overdue.committee", kind, due, days)));
				}
			}
		}
	}

	private static void users(List<Routed> out, Collection<String> ids, Message message) {
		for (String id : ids) {
			if (id != null && !id.isBlank()) {
				out.add(new Routed(new User(id), message));
			}
		}
	}

	private static void addIfPresent(List<String> list, String value) {
		if (value != null && !value.isBlank() && !list.contains(value)) {
			list.add(value);
		}
	}

	private static String str(Map<String, Object> payload, String key) {
		Object value = payload.get(key);
		return (value != null) ? String.valueOf(value) : null;
	}

	private static String firstNonNull(String a, String b) {
		return (a != null) ? a : b;
	}

	private static List<String> nonNull(List<String> list) {
		return (list != null) ? list : List.of();
	}

	private static List<String> strings(Object value) {
		if (value instanceof Collection<?> values) {
			return values.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
		}
		return List.of();
	}

}
