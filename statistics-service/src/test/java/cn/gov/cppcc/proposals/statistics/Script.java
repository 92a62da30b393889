package cn.gov.cppcc.proposals.statistics;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

/**
 * Writes a feed of proposal events exactly as docs/events.md describes them: feed
 * positions 1, 2, 3 …, a UUID per event, and in every payload the {@code proposal}
 * snapshot after the change, plus the type's own fields. Each event happens at 10:00
 * Beijing time on the given day.
 */
public final class Script {

	private final List<EventEnvelope> events = new ArrayList<>();

	private final Map<String, Map<String, Object>> proposals = new HashMap<>();

	private final Map<String, Long> versions = new HashMap<>();

	private final long firstPosition;

	private final boolean stableIds;

	public Script() {
		this(1, false);
	}

	/**
	 * @param firstPosition feed position of the first event
	 * @param stableIds event ids derived from the position (the same script gives the
	 * same ids), else random
	 */
	public Script(long firstPosition, boolean stableIds) {
		this.firstPosition = firstPosition;
		this.stableIds = stableIds;
	}

	public List<EventEnvelope> events() {
		return List.copyOf(this.events);
	}

	/** proposal.drafted: a new proposal of a session. */
	public Script drafted(String id, String sessionId, String category, String day, String... proposers) {
		Map<String, Object> p = new LinkedHashMap<>();
		String[] termSession = sessionId.split("-");
		p.put("id", id);
		p.put("number", null);
		p.put("serial", null);
		p.put("title", "提案 " + id);
		p.put("category", category);
		p.put("sessionId", sessionId);
		p.put("term", Integer.valueOf(termSession[0]));
		p.put("session", Integer.valueOf(termSession[1]));
		p.put("status", "DRAFT");
		p.put("keyProposal", false);
		p.put("authorId", proposers[0]);
		p.put("proposerIds", List.of(proposers));
		p.put("invitedCoSignerIds", List.of());
		p.put("organisation", null);
		p.put("mode", null);
		p.put("leadUnitId", null);
		p.put("coUnitIds", List.of());
		p.put("separateUnitIds", List.of());
		p.put("submittedAt", null);
		p.put("filedAt", null);
		p.put("assignedAt", null);
		p.put("replyDeadline", null);
		p.put("hardDeadline", null);
		this.proposals.put(id, p);
		return emit(id, "proposal.drafted", day, Map.of());
	}

	public Script submitted(String id, String day) {
		set(id, "status", "SUBMITTED");
		set(id, "submittedAt", time(day));
		return emit(id, "proposal.submitted", day, Map.of("invitedCoSignerIds", List.of()));
	}

	public Script withdrawn(String id, String day) {
		set(id, "status", "WITHDRAWN");
		return emit(id, "proposal.withdrawn", day, Map.of());
	}

	public Script filed(String id, String day, int serial) {
		set(id, "status", "FILED");
		set(id, "filedAt", time(day));
		set(id, "serial", serial);
		set(id, "number", "十二届一次会议第" + String.format("%04d", serial) + "号");
		return emit(id, "proposal.filed", day, Map.of("number", get(id, "number"), "serial", serial));
	}

	public Script notFiled(String id, String day) {
		set(id, "status", "NOT_FILED");
		return emit(id, "proposal.not-filed", day,
				Map.of("reason", "PERSONAL_MATTER", "note", "个人事项", "forwardedAsOpinion", false));
	}

	public Script merged(String id, String day, String intoId) {
		set(id, "status", "MERGED");
		return emit(id, "proposal.merged", day, Map.of("intoId", intoId));
	}

	public Script keyProposal(String id) {
		set(id, "keyProposal", true);
		return this;
	}

	/** proposal.assigned with a lead unit and co-units (mode LEAD). */
	public Script assignedLead(String id, String day, String deadline, String lead, String... co) {
		set(id, "status", "ASSIGNED");
		set(id, "mode", "LEAD");
		set(id, "leadUnitId", lead);
		set(id, "coUnitIds", List.of(co));
		set(id, "assignedAt", time(day));
		set(id, "replyDeadline", deadline);
		set(id, "hardDeadline", LocalDate.parse(day).plusMonths(6).toString());
		Map<String, Object> own = new HashMap<>();
		own.put("mode", "LEAD");
		own.put("leadUnitId", lead);
		own.put("coUnitIds", List.of(co));
		own.put("replyDeadline", deadline);
		own.put("objectionDeadline", LocalDate.parse(day).plusDays(10).toString());
		own.put("coOpinionDeadline", LocalDate.parse(day).plusMonths(1).toString());
		return emit(id, "proposal.assigned", day, own);
	}

	/** proposal.assigned to several units answering separately (分办). */
	public Script assignedSeparate(String id, String day, String deadline, String... units) {
		set(id, "status", "ASSIGNED");
		set(id, "mode", "SEPARATE");
		set(id, "leadUnitId", null);
		set(id, "separateUnitIds", List.of(units));
		set(id, "assignedAt", time(day));
		set(id, "replyDeadline", deadline);
		Map<String, Object> own = new HashMap<>();
		own.put("mode", "SEPARATE");
		own.put("leadUnitId", units[0]);
		own.put("coUnitIds", List.of(units).subList(1, units.length));
		own.put("replyDeadline", deadline);
		return emit(id, "proposal.assigned", day, own);
	}

	public Script objectionUpheld(String id, String day, String unitId, String newLead) {
		emit(id, "proposal.objection-raised", day,
				Map.of("objectionId", "o-" + id, "unitId", unitId, "reason", "非本单位职责"));
		set(id, "leadUnitId", newLead);
		Map<String, Object> own = new HashMap<>();
		own.put("objectionId", "o-" + id);
		own.put("unitId", unitId);
		own.put("upheld", true);
		own.put("newLeadUnitId", newLead);
		own.put("note", null);
		return emit(id, "proposal.objection-decided", day, own);
	}

	public Script extensionApproved(String id, String day, String newDeadline) {
		set(id, "replyDeadline", newDeadline);
		return emit(id, "proposal.extension-decided", day,
				Map.of("extensionId", "x-" + id, "approved", true, "replyDeadline", newDeadline, "note", "同意"));
	}

	public Script communication(String id, String day, String unitId, String kind) {
		return emit(id, "proposal.communication-recorded", day,
				Map.of("unitId", unitId, "kind", kind, "at", time(day)));
	}

	public Script coOpinion(String id, String day, String unitId) {
		return emit(id, "proposal.co-opinion-submitted", day, Map.of("unitId", unitId));
	}

	public Script reply(String id, String day, String unitId, String replyId, String resultClass, int round,
			boolean onTime, boolean allUnitsReplied) {
		if (allUnitsReplied) {
			set(id, "status", "REPLIED");
		}
		return emit(id, "proposal.reply-submitted", day, Map.of("replyId", replyId, "unitId", unitId, "resultClass",
				resultClass, "round", round, "onTime", onTime, "allUnitsReplied", allUnitsReplied));
	}

	/**
	 * proposal.reply-submitted as proposal-service writes it since it carries
	 * {@code followUpDue}: the day the reply's follow-up answer is due, {@code null} when
	 * it owes none. (The overload without it writes the events of before.)
	 */
	public Script reply(String id, String day, String unitId, String replyId, String resultClass, int round,
			boolean onTime, boolean allUnitsReplied, String followUpDue) {
		if (allUnitsReplied) {
			set(id, "status", "REPLIED");
		}
		Map<String, Object> own = new LinkedHashMap<>();
		own.put("replyId", replyId);
		own.put("unitId", unitId);
		own.put("resultClass", resultClass);
		own.put("round", round);
		own.put("onTime", onTime);
		own.put("allUnitsReplied", allUnitsReplied);
		own.put("followUpDue", followUpDue);
		return emit(id, "proposal.reply-submitted", day, own);
	}

	/** proposal.reply-reclassified with the follow-up the reply owes now (or null). */
	public Script reclassified(String id, String day, String replyId, String from, String to, String followUpDue) {
		Map<String, Object> own = new LinkedHashMap<>();
		own.put("replyId", replyId);
		own.put("from", from);
		own.put("to", to);
		own.put("followUpDue", followUpDue);
		return emit(id, "proposal.reply-reclassified", day, own);
	}

	/** proposal.key-proposal-selected (重点提案): the snapshot's keyProposal turns true. */
	public Script keyProposalSelected(String id, String day) {
		set(id, "keyProposal", true);
		Map<String, Object> own = new LinkedHashMap<>();
		own.put("supervisor", "省政协副主席");
		own.put("leadingLeader", null);
		own.put("leadingUnitIds", (get(id, "leadUnitId") != null) ? List.of(get(id, "leadUnitId")) : List.of());
		own.put("reason", "社会关注度高");
		own.put("progressDeadline", null);
		return emit(id, "proposal.key-proposal-selected", day, own);
	}

	public Script keyProposalCancelled(String id, String day) {
		set(id, "keyProposal", false);
		return emit(id, "proposal.key-proposal-cancelled", day, Map.of("reason", "不再列为重点提案"));
	}

	/**
	 * proposal.follow-up-submitted: a unit's follow-up answer to its reply of a follow-up
	 * class.
	 * @param followUpDue the due date it was judged against; {@code null} writes the
	 * event as it was before it carried one
	 */
	public Script followUp(String id, String day, String unitId, String replyId, String resultClass, int round,
			boolean onTime, String followUpDue) {
		Map<String, Object> own = new LinkedHashMap<>();
		own.put("followUpId", "f-" + replyId);
		own.put("replyId", replyId);
		own.put("unitId", unitId);
		own.put("round", round);
		own.put("resultClass", resultClass);
		own.put("onTime", onTime);
		if (followUpDue != null) {
			own.put("followUpDue", followUpDue);
		}
		return emit(id, "proposal.follow-up-submitted", day, own);
	}

	public Script reclassified(String id, String day, String replyId, String from, String to) {
		return emit(id, "proposal.reply-reclassified", day, Map.of("replyId", replyId, "from", from, "to", to));
	}

	public Script feedback(String id, String day, String memberId, String rating, int round) {
		return emit(id, "proposal.feedback-received", day,
				Map.of("memberId", memberId, "rating", rating, "round", round));
	}

	public Script rehandling(String id, String day, String deadline, int round) {
		set(id, "status", "REHANDLING");
		set(id, "replyDeadline", deadline);
		return emit(id, "proposal.rehandling-started", day, Map.of("replyDeadline", deadline, "round", round));
	}

	public Script closed(String id, String day) {
		set(id, "status", "CLOSED");
		return emit(id, "proposal.closed", day, Map.of());
	}

	public Script published(String id, String day) {
		return emit(id, "proposal.published", day, Map.of("level", "FULL"));
	}

	public Script reminder(String id, String day, String unitId) {
		return emit(id, "proposal.deadline-reminder", day,
				Map.of("deadlineKind", "REPLY", "dueOn", day, "unitId", unitId, "daysLeft", 3));
	}

	private Script emit(String id, String type, String day, Map<String, Object> own) {
		long version = this.versions.merge(id, 1L, Long::sum);
		Map<String, Object> payload = new LinkedHashMap<>(own);
		payload.put("proposal", new LinkedHashMap<>(this.proposals.get(id)));
		OffsetDateTime at = OffsetDateTime.of(LocalDate.parse(day), LocalTime.of(10, 0), ZoneOffset.ofHours(8));
		long position = this.firstPosition + this.events.size();
		String eventId = this.stableIds ? UUID.nameUUIDFromBytes(("event-" + position).getBytes()).toString()
				: UUID.randomUUID().toString();
		this.events.add(new EventEnvelope(eventId, position, type, at, "proposal", id, version, "u-test", payload));
		return this;
	}

	private void set(String id, String field, Object value) {
		this.proposals.get(id).put(field, value);
	}

	private Object get(String id, String field) {
		return this.proposals.get(id).get(field);
	}

	private static String time(String day) {
		return day + "T10:00:00+08:00";
	}

}
