package cn.gov.cppcc.proposals.statistics.fact;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.statistics.fact.ProposalState.UnitRow;

/**
 * Applies one proposal event to the state of its proposal. Pure and in memory: the live
 * consumer loads the state, applies the event and saves it in one transaction; the
 * rebuild applies the whole feed in memory and writes the result in batches. Both run
 * this same code, so a rebuild gives exactly what the live consumer gave.
 *
 * <p>
 * Every event first copies the event-carried snapshot ({@code payload.proposal}: session,
 * category, units, status, dates, deadline), then adds what only the event knows
 * (replies, ratings, meetings, re-handling). Exactly-once application is the caller's job
 * (the {@code processed_event} key).
 */
public final class Projector {

	/**
	 * The version of what this projector makes of the feed. Raise it whenever a change
	 * here (or in the aggregates) changes the read model of events already applied: the
	 * service then re-projects the history by itself at start-up (the rebuild), because
	 * the live consumer only applies new events. The rebuild stores it with the cursor
	 * ({@code feed_cursor.projection_version}).
	 * <ol>
	 * <li>facts, unit rows and aggregates of issue 7 (V2, V3)</li>
	 * <li>key proposals handled (replied, on time, ratings) and follow-ups of B-class
	 * replies (owed, answered, on time, class after follow-up) (V4)</li>
	 * </ol>
	 */
	public static final int VERSION = 2;

	private static final Logger log = LoggerFactory.getLogger(Projector.class);

	private final ZoneId zone;

	public Projector(ZoneId zone) {
		this.zone = zone;
	}

	public void apply(ProposalState state, EventEnvelope event) {
		Map<String, Object> payload = (event.payload() != null) ? event.payload() : Map.of();
		LocalDate day = (event.occurredAt() != null) ? event.occurredAt().atZoneSameInstant(this.zone).toLocalDate()
				: null;
		if (payload.get("proposal") instanceof Map<?, ?> snapshot) {
			applySnapshot(state, snapshot, day);
		}
		state.lastPosition = Math.max(state.lastPosition, event.position());
		String type = (event.type() != null) ? event.type() : "";
		switch (type) {
			case "proposal.submitted" -> {
				if (state.submittedOn == null) {
					state.submittedOn = day;
				}
			}
			case "proposal.withdrawn" -> state.withdrawn = true;
			case "proposal.filed" -> {
				if (state.filedOn == null) {
					state.filedOn = day;
				}
				state.notFiled = false;
			}
			case "proposal.not-filed" -> state.notFiled = true;
			case "proposal.merged" -> state.merged = true;
			case "proposal.assigned" -> assigned(state, payload, day);
			case "proposal.extension-decided" -> {
				if (Boolean.TRUE.equals(payload.get("approved"))) {
					LocalDate deadline = date(payload.get("replyDeadline"));
					if (deadline != null) {
						moveDeadline(state, deadline);
					}
				}
			}
			case "proposal.communication-recorded" -> communication(state, payload);
			case "proposal.co-opinion-submitted" -> {
				UnitRow unit = state.units.get(string(payload.get("unitId")));
				if (unit != null) {
					unit.opinionGiven = true;
				}
			}
			case "proposal.reply-submitted" -> reply(state, payload, day);
			case "proposal.reply-reclassified" -> reclassify(state, payload);
			case "proposal.feedback-received" -> feedback(state, payload);
			case "proposal.rehandling-started" -> rehandling(state, payload);
			case "proposal.closed" -> {
				if (state.closedOn == null) {
					state.closedOn = day;
				}
			}
			case "proposal.published" -> state.published = !"NONE".equals(payload.get("level"));
			// the snapshot's keyProposal says the same; the event says it even without
			// one
			case "proposal.key-proposal-selected" -> state.keyProposal = true;
			case "proposal.key-proposal-cancelled" -> state.keyProposal = false;
			case "proposal.follow-up-submitted" -> followUp(state, payload, day);
			default -> {
				// drafted, co-signatures, objections raised, reminders, supervision and
				// progress reports of key proposals: the snapshot says it all
			}
		}
		followUpOfTheProposal(state);
	}

	private void applySnapshot(ProposalState state, Map<?, ?> p, LocalDate day) {
		if (p.get("sessionId") != null) {
			state.sessionId = string(p.get("sessionId"));
		}
		state.term = integer(p.get("term"), state.term);
		state.sessionNo = integer(p.get("session"), state.sessionNo);
		if (p.get("number") != null) {
			state.number = string(p.get("number"));
		}
		if (p.get("category") != null) {
			state.category = string(p.get("category"));
		}
		if (p.get("proposerIds") instanceof Collection<?> proposers) {
			state.proposerCount = proposers.size();
		}
		if (p.get("sectors") instanceof Collection<?> sectors) {
			state.sectors = join(sectors);
		}
		if (p.get("status") != null) {
			state.status = string(p.get("status"));
		}
		if (p.get("keyProposal") instanceof Boolean key) {
			state.keyProposal = key;
		}
		LocalDate submitted = date(p.get("submittedAt"));
		if (submitted != null) {
			state.submittedOn = submitted;
		}
		LocalDate filed = date(p.get("filedAt"));
		if (filed != null) {
			state.filedOn = filed;
		}
		LocalDate assigned = date(p.get("assignedAt"));
		if (assigned != null) {
			state.assignedOn = assigned;
		}
		LocalDate deadline = date(p.get("replyDeadline"));
		if (deadline != null) {
			state.replyDeadline = deadline;
		}
		state.mode = (p.get("mode") != null) ? string(p.get("mode")) : state.mode;
		syncUnits(state, p, day);
	}

	/**
	 * The snapshot names the current units; a unit that is no longer named (an upheld
	 * objection reassigned it, DOMAIN.md) leaves the proposal, a new one joins.
	 */
	private void syncUnits(ProposalState state, Map<?, ?> p, LocalDate day) {
		String lead = string(p.get("leadUnitId"));
		List<String> co = strings(p.get("coUnitIds"));
		List<String> separate = strings(p.get("separateUnitIds"));
		boolean separateMode = "SEPARATE".equals(state.mode);
		Map<String, String> wanted = new LinkedHashMap<>();
		if (separateMode && separate.isEmpty()) {
			if (lead != null) {
				wanted.put(lead, "SEPARATE");
			}
			co.forEach((id) -> wanted.putIfAbsent(id, "SEPARATE"));
		}
		else {
			if (lead != null) {
				wanted.put(lead, "LEAD");
			}
			co.forEach((id) -> wanted.putIfAbsent(id, "CO"));
			separate.forEach((id) -> wanted.putIfAbsent(id, "SEPARATE"));
		}
		state.leadUnitId = lead;
		state.coUnitIds = co.isEmpty() ? null : String.join(",", co);
		state.separateUnitIds = separate.isEmpty() ? null : String.join(",", separate);
		if (wanted.isEmpty()) {
			return;
		}
		state.units.keySet().removeIf((id) -> !wanted.containsKey(id));
		wanted.forEach((id, role) -> {
			UnitRow unit = state.units.get(id);
			if (unit == null) {
				unit = new UnitRow(id, role);
				unit.assignedOn = (state.assignedOn != null && (day == null || !day.isBefore(state.assignedOn)))
						? ((day != null) ? day : state.assignedOn) : state.assignedOn;
				state.units.put(id, unit);
			}
			unit.role = role;
			unit.replyDeadline = state.replyDeadline;
			if (unit.owesReply() && state.awaitingReply && unit.replyId == null) {
				unit.awaitingReply = true;
			}
			if (!unit.owesReply()) {
				unit.awaitingReply = false;
			}
		});
	}

	private void assigned(ProposalState state, Map<String, Object> payload, LocalDate day) {
		if (state.assignedOn == null) {
			state.assignedOn = day;
		}
		LocalDate deadline = date(payload.get("replyDeadline"));
		if (deadline != null) {
			state.replyDeadline = deadline;
		}
		state.awaitingReply = true;
		for (UnitRow unit : state.units.values()) {
			if (unit.assignedOn == null) {
				unit.assignedOn = state.assignedOn;
			}
			unit.replyDeadline = state.replyDeadline;
			unit.awaitingReply = unit.owesReply() && unit.repliedOn == null;
		}
	}

	private void moveDeadline(ProposalState state, LocalDate deadline) {
		state.replyDeadline = deadline;
		state.units.values().forEach((unit) -> unit.replyDeadline = deadline);
	}

	/**
	 * 见面率 counts real meetings: MEETING and VISIT; phone calls and letters are
	 * communication but not a meeting (DOMAIN.md, Handling).
	 */
	private void communication(ProposalState state, Map<String, Object> payload) {
		state.communications++;
		String kind = string(payload.get("kind"));
		if ("MEETING".equals(kind) || "VISIT".equals(kind)) {
			state.meetings++;
			UnitRow unit = state.units.get(string(payload.get("unitId")));
			if (unit != null) {
				unit.meetings++;
			}
		}
	}

	/**
	 * A unit's first reply fixes its reply date, days and punctuality; a reply after
	 * re-handling changes only the result class. The proposal is replied (办复) when the
	 * last owing unit has replied; it is on time when every owing unit's first reply was.
	 */
	private void reply(ProposalState state, Map<String, Object> payload, LocalDate day) {
		String unitId = string(payload.get("unitId"));
		String resultClass = string(payload.get("resultClass"));
		UnitRow unit = (unitId != null) ? state.units.get(unitId) : null;
		if (unit == null && unitId != null) {
			log.warn("Reply of proposal {} by unit {} that is not assigned to it; recorded as LEAD", state.proposalId,
					unitId);
			unit = new UnitRow(unitId, "LEAD");
			unit.assignedOn = state.assignedOn;
			unit.replyDeadline = state.replyDeadline;
			state.units.put(unitId, unit);
		}
		if (unit != null) {
			String replyId = string(payload.get("replyId"));
			if (replyId == null || !replyId.equals(unit.replyId)) {
				// a new reply (after re-handling) makes its own promise, or none
				unit.followUpDue = null;
				unit.followUpClass = null;
				unit.followUpOnTime = null;
			}
			unit.awaitingReply = false;
			unit.resultClass = resultClass;
			unit.replyId = replyId;
			promise(unit, payload, resultClass);
			if (unit.repliedOn == null) {
				unit.repliedOn = day;
				unit.daysToReply = days(unit.assignedOn, day);
				unit.onTime = (payload.get("onTime") instanceof Boolean onTime) ? onTime
						: (day != null && unit.replyDeadline != null && !day.isAfter(unit.replyDeadline));
			}
		}
		state.resultClass = resultClass;
		state.classReplyId = string(payload.get("replyId"));
		boolean allReplied = (payload.get("allUnitsReplied") instanceof Boolean all) ? all
				: state.units.values().stream().filter(UnitRow::owesReply).noneMatch((u) -> u.awaitingReply);
		if (allReplied) {
			state.awaitingReply = false;
			if (state.repliedOn == null) {
				state.repliedOn = day;
				state.daysToReply = days(state.assignedOn, day);
				state.onTime = state.units.values()
					.stream()
					.filter(UnitRow::owesReply)
					.allMatch((u) -> Boolean.TRUE.equals(u.onTime));
			}
		}
	}

	private void reclassify(ProposalState state, Map<String, Object> payload) {
		String replyId = string(payload.get("replyId"));
		String to = string(payload.get("to"));
		if (replyId == null || to == null) {
			return;
		}
		state.units.values().stream().filter((u) -> replyId.equals(u.replyId)).forEach((u) -> {
			u.resultClass = to;
			promise(u, payload, to);
		});
		if (replyId.equals(state.classReplyId)) {
			state.resultClass = to;
		}
	}

	/**
	 * Whether a unit's reply owes a follow-up answer (DOMAIN.md, Follow-up: a B-class
	 * reply promised something). The reply and reclassification events say it with the
	 * due date ({@code followUpDue}, null = nothing owed; the follow-up classes are
	 * proposal-service's configuration); events written before that field existed fall
	 * back to class B, the default follow-up class, with no due date.
	 */
	private void promise(UnitRow unit, Map<String, Object> payload, String resultClass) {
		if (payload.containsKey("followUpDue")) {
			unit.followUpDue = date(payload.get("followUpDue"));
			unit.followUpOwed = unit.followUpDue != null;
		}
		else {
			unit.followUpOwed = "B".equals(resultClass);
			if (!unit.followUpOwed) {
				unit.followUpDue = null;
			}
		}
	}

	/**
	 * The follow-up answer to a unit's current reply: its class (the result now; a B that
	 * became A is solved) and whether it came by the due date ({@code onTime} of the
	 * event; older events without it: the answer's day against the due date).
	 */
	private void followUp(ProposalState state, Map<String, Object> payload, LocalDate day) {
		String unitId = string(payload.get("unitId"));
		String replyId = string(payload.get("replyId"));
		UnitRow unit = (unitId != null) ? state.units.get(unitId) : null;
		if (unit == null || replyId == null || !replyId.equals(unit.replyId)) {
			log.warn("Follow-up of proposal {} by unit {} to reply {} that is not its current reply; ignored",
					state.proposalId, unitId, replyId);
			return;
		}
		// proposal-service takes a follow-up only for a reply that owes one
		unit.followUpOwed = true;
		LocalDate due = date(payload.get("followUpDue"));
		if (due != null) {
			unit.followUpDue = due;
		}
		unit.followUpClass = string(payload.get("resultClass"));
		if (payload.get("onTime") instanceof Boolean onTime) {
			unit.followUpOnTime = onTime;
		}
		else {
			unit.followUpOnTime = (day != null && unit.followUpDue != null) ? !day.isAfter(unit.followUpDue) : null;
		}
	}

	/**
	 * The proposal's follow-up is the one of the reply that gives it its class (the
	 * latest reply, as A/B/C), once the proposal is replied (办复).
	 */
	private static void followUpOfTheProposal(ProposalState state) {
		UnitRow classUnit = null;
		if (state.classReplyId != null) {
			for (UnitRow unit : state.units.values()) {
				if (state.classReplyId.equals(unit.replyId)) {
					classUnit = unit;
				}
			}
		}
		boolean owed = state.repliedOn != null && classUnit != null && classUnit.followUpOwed;
		state.followUpOwed = owed;
		state.followUpDue = owed ? classUnit.followUpDue : null;
		state.followUpClass = owed ? classUnit.followUpClass : null;
		state.followUpOnTime = owed ? classUnit.followUpOnTime : null;
	}

	/**
	 * 满意率 counts each proposer's latest rating (a rating after re-handling replaces the
	 * one before it): every co-signer rates (DOMAIN.md, Feedback).
	 */
	private void feedback(ProposalState state, Map<String, Object> payload) {
		String member = string(payload.get("memberId"));
		String rating = string(payload.get("rating"));
		if (member == null || rating == null) {
			return;
		}
		int round = integer(payload.get("round"), 1);
		String previous = state.ratings.get(member);
		if (previous == null || Integer.parseInt(previous.substring(0, previous.indexOf(':'))) <= round) {
			state.ratings.put(member, round + ":" + rating);
		}
		countRatings(state);
	}

	static void countRatings(ProposalState state) {
		state.satisfied = 0;
		state.basically = 0;
		state.unsatisfied = 0;
		for (String value : state.ratings.values()) {
			switch (value.substring(value.indexOf(':') + 1)) {
				case "SATISFIED" -> state.satisfied++;
				case "BASICALLY_SATISFIED" -> state.basically++;
				case "UNSATISFIED" -> state.unsatisfied++;
				default -> {
				}
			}
		}
	}

	/** 不满意 sends it back: a new reply is due, normally within 1 month (DOMAIN.md). */
	private void rehandling(ProposalState state, Map<String, Object> payload) {
		state.rehandled++;
		state.awaitingReply = true;
		LocalDate deadline = date(payload.get("replyDeadline"));
		if (deadline != null) {
			state.replyDeadline = deadline;
		}
		for (UnitRow unit : state.units.values()) {
			if (unit.owesReply()) {
				unit.awaitingReply = true;
				unit.replyDeadline = state.replyDeadline;
				// the new round supersedes the reply and what it promised
				// (proposal-service takes no follow-up while re-handling); the new
				// reply decides
				unit.followUpOwed = false;
				unit.followUpDue = null;
				unit.followUpClass = null;
				unit.followUpOnTime = null;
			}
		}
	}

	private static Integer days(LocalDate from, LocalDate to) {
		return (from != null && to != null) ? (int) ChronoUnit.DAYS.between(from, to) : null;
	}

	private LocalDate date(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		try {
			if (text.length() <= 10) {
				return LocalDate.parse(text);
			}
			return OffsetDateTime.parse(text).atZoneSameInstant(this.zone).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static Integer integer(Object value, Integer fallback) {
		if (value instanceof Number number) {
			return number.intValue();
		}
		if (value instanceof String text) {
			try {
				return Integer.valueOf(text);
			}
			catch (NumberFormatException ex) {
				return fallback;
			}
		}
		return fallback;
	}

	private static List<String> strings(Object value) {
		List<String> result = new ArrayList<>();
		if (value instanceof Collection<?> values) {
			values.stream().filter((v) -> v != null).forEach((v) -> result.add(v.toString()));
		}
		return result;
	}

	private static String join(Collection<?> values) {
		List<String> texts = new ArrayList<>();
		values.forEach((v) -> texts.add(String.valueOf(v)));
		return String.join(",", texts);
	}

}
