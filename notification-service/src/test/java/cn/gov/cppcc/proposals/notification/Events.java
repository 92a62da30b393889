package cn.gov.cppcc.proposals.notification;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

/**
 * Builds events as docs/events.md describes them.
 */
public final class Events {

	private static final AtomicLong POSITION = new AtomicLong(1_000_000);

	private Events() {
	}

	/** A proposal snapshot; change fields with {@link Map#put}. */
	public static Map<String, Object> proposal(String id, String title) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("id", id);
		p.put("number", null);
		p.put("serial", null);
		p.put("title", title);
		p.put("category", "经济");
		p.put("sessionId", "12-1");
		p.put("term", 12);
		p.put("session", 1);
		p.put("status", "SUBMITTED");
		p.put("keyProposal", false);
		p.put("authorId", "u-member1");
		p.put("proposerIds", List.of("u-member1"));
		p.put("invitedCoSignerIds", List.of());
		p.put("organisation", null);
		p.put("mode", null);
		p.put("leadUnitId", null);
		p.put("coUnitIds", List.of());
		p.put("separateUnitIds", List.of());
		p.put("replyDeadline", null);
		p.put("hardDeadline", null);
		p.put("someFutureField", Map.of("ignored", true));
		return p;
	}

	public static EventEnvelope event(String type, Map<String, Object> proposal, Object... fields) {
		Map<String, Object> payload = new HashMap<>();
		payload.put("proposal", new LinkedHashMap<>(proposal));
		for (int i = 0; i + 1 < fields.length; i += 2) {
			payload.put((String) fields[i], fields[i + 1]);
		}
		return new EventEnvelope(UUID.randomUUID().toString(), POSITION.incrementAndGet(), type, OffsetDateTime.now(),
				"proposal", String.valueOf(proposal.get("id")), 1, "u-member1", payload);
	}

	public static EventEnvelope at(long position, EventEnvelope e) {
		return new EventEnvelope(e.id(), position, e.type(), e.occurredAt(), e.aggregateType(), e.aggregateId(),
				e.aggregateVersion(), e.actor(), e.payload());
	}

}
