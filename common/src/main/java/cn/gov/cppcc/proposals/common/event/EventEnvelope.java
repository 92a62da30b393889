package cn.gov.cppcc.proposals.common.event;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What every event of the platform looks like on the wire (the event feed, webhooks).
 * Consumers read the payload into their own records: the envelope is shared, the event
 * classes are not.
 *
 * @param id unique event id (consumers deduplicate by it)
 * @param position position in the feed, strictly increasing without gaps (the cursor for
 * {@code after=})
 * @param type event type, e.g. {@code proposal.filed}
 * @param occurredAt when it happened
 * @param aggregateType e.g. {@code proposal}
 * @param aggregateId id of the changed aggregate
 * @param aggregateVersion version of the aggregate after the change
 * @param actor who caused it (user id, or {@code system})
 * @param payload the event's data
 */
public record EventEnvelope(String id, long position, String type, OffsetDateTime occurredAt, String aggregateType,
		String aggregateId, long aggregateVersion, String actor, Map<String, Object> payload) {
}
