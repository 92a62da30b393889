package cn.gov.cppcc.proposals.proposal.outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Appends events to the outbox in the caller's transaction, with a NULL feed position:
 * the {@link OutboxRelay} numbers them once committed (docs/events.md).
 */
@Component
public class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Outbox(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * @param type event type
	 * @param proposalId aggregate id
	 * @param version aggregate version after the change
	 * @param actor user id, client id or {@code system}
	 * @param snapshot {@code payload.proposal}
	 * @param fields the type's own fields
	 * @param at when
	 * @return the event id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String append(String type, long proposalId, long version, String actor, Map<String, Object> snapshot,
			Map<String, Object> fields, Instant at) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("proposal", snapshot);
		payload.putAll(fields);
		String eventId = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO outbox_event (event_id, type, occurred_at, aggregate_id, aggregate_version, actor, payload)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(eventId, type, Db.ts(at), String.valueOf(proposalId), version, actor,
					this.json.writeValueAsString(payload))
			.update();
		return eventId;
	}

}
