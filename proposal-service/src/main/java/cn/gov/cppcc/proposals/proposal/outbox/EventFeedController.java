package cn.gov.cppcc.proposals.proposal.outbox;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.common.event.EventPage;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * The ordered, gap-free feed of proposal events for readers with {@code events:read}
 * (docs/events.md).
 */
@RestController
@Validated
class EventFeedController {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	EventFeedController(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@GetMapping("/api/v1/events")
	EventPage events(@RequestParam(defaultValue = "0") @Min(0) long after,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		List<EventEnvelope> items = this.jdbc.sql("""
				SELECT event_id, position, type, occurred_at, aggregate_id, aggregate_version, actor, payload
				FROM outbox_event WHERE position > ? ORDER BY position LIMIT ?""")
			.params(after, limit)
			.query((rs, n) -> new EventEnvelope(rs.getString("event_id"), rs.getLong("position"), rs.getString("type"),
					Db.instant(rs, "occurred_at").atZone(Db.ZONE).toOffsetDateTime(), "proposal",
					rs.getString("aggregate_id"), rs.getLong("aggregate_version"), rs.getString("actor"),
					this.json.readValue(rs.getString("payload"), MAP)))
			.list();
		long next = items.isEmpty() ? after : items.get(items.size() - 1).position();
		return new EventPage(items, next);
	}

}
