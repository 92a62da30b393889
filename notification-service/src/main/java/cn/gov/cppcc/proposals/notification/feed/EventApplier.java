package cn.gov.cppcc.proposals.notification.feed;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.notification.routing.Dispatcher;
import cn.gov.cppcc.proposals.notification.routing.ProposalSnapshot;
import cn.gov.cppcc.proposals.notification.routing.Routed;
import cn.gov.cppcc.proposals.notification.routing.Router;
import cn.gov.cppcc.proposals.notification.webhook.WebhookFanOut;

/**
 * Applies one proposal event: recipients, inbox rows, deliveries and webhook deliveries,
 * and the cursor, in ONE transaction. Every insert is keyed by the event id, so applying
 * an event again (at-least-once feed) delivers nothing twice.
 */
@Service
public class EventApplier {

	static final String FEED = "proposal-events";

	private final Dispatcher dispatcher;

	private final WebhookFanOut webhooks;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	EventApplier(Dispatcher dispatcher, WebhookFanOut webhooks, JsonMapper json, JdbcClient jdbc) {
		this.dispatcher = dispatcher;
		this.webhooks = webhooks;
		this.json = json;
		this.jdbc = jdbc;
	}

	@Transactional
	public void apply(EventEnvelope event) {
		Map<String, Object> payload = (event.payload() != null) ? event.payload() : Map.of();
		Object proposal = payload.get("proposal");
		if (proposal != null && event.type() != null && event.type().startsWith("proposal.")) {
			ProposalSnapshot snapshot = this.json.convertValue(proposal, ProposalSnapshot.class);
			List<Routed> routed = Router.route(event.type(), snapshot, payload);
			this.dispatcher.dispatch(event.id(), event.type(), snapshot, routed);
		}
		this.webhooks.enqueue(event);
	}

	/**
	 * Apply and move the cursor past the event, atomically.
	 * @param event the next event of the feed
	 */
	@Transactional
	public void applyAndAdvance(EventEnvelope event) {
		apply(event);
		this.jdbc.sql("""
				UPDATE feed_cursor SET position = :position, updated_at = UTC_TIMESTAMP(3)
				WHERE feed = :feed AND position < :position
				""").param("position", event.position()).param("feed", FEED).update();
	}

	public long cursor() {
		return this.jdbc.sql("SELECT position FROM feed_cursor WHERE feed = :feed")
			.param("feed", FEED)
			.query(Long.class)
			.single();
	}

}
