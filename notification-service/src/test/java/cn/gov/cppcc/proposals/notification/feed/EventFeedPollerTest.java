package cn.gov.cppcc.proposals.notification.feed;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.notification.Events;
import cn.gov.cppcc.proposals.notification.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer reads proposal-service's feed over HTTP with its own token, advances the
 * cursor with each event, survives a failing feed, and ignores a repeated event.
 */
class EventFeedPollerTest extends IntegrationTest {

	@Autowired
	EventFeedPoller poller;

	@Test
	void readsTheFeedFromTheCursorAndDeliversEachEventOnce() {
		long start = this.applier.cursor();
		Map<String, Object> p = Events.proposal("990", "从事件流读取");
		EventEnvelope submitted = Events.at(start + 1, Events.event("proposal.submitted", p));
		EventEnvelope merged = Events.at(start + 2, Events.event("proposal.merged", p, "intoId", "1"));
		FEED.events.add(submitted);
		FEED.events.add(merged);

		FEED.failing.set(true);
		assertThat(this.poller.poll()).isZero();
		assertThat(this.applier.cursor()).isEqualTo(start);

		FEED.failing.set(false);
		assertThat(this.poller.poll()).isEqualTo(2);
		assertThat(this.applier.cursor()).isEqualTo(start + 2);
		assertThat(inboxRecipients(submitted)).containsExactlyInAnyOrder("u-member1", "u-committee1");
		assertThat(inboxRecipients(merged)).containsExactly("u-member1");
		assertThat(FEED.authorizations).allMatch("Bearer service-token"::equals);

		// nothing new: nothing applied
		assertThat(this.poller.poll()).isZero();
		// the same event delivered again at a later position (at-least-once): no second
		// message
		FEED.events.add(Events.at(start + 3, merged));
		assertThat(this.poller.poll()).isEqualTo(1);
		assertThat(this.applier.cursor()).isEqualTo(start + 3);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM notification WHERE event_id = :e")
			.param("e", merged.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aBacklogBuiltUpWhileStoppedIsDeliveredCompletelyAndOnce() {
		long start = this.applier.cursor();
		int backlog = 210;
		java.util.List<EventEnvelope> events = new java.util.ArrayList<>();
		for (int i = 1; i <= backlog; i++) {
			Map<String, Object> p = Events.proposal("b" + i, "积压事件" + i);
			p.put("authorId", "u-member3");
			p.put("proposerIds", java.util.List.of("u-member3"));
			events.add(Events.at(start + i, Events.event("proposal.published", p, "level", "FULL")));
		}
		FEED.events.addAll(events);
		// more than one page of 200
		assertThat(this.poller.poll()).isEqualTo(backlog);
		assertThat(this.applier.cursor()).isEqualTo(start + backlog);
		// a restart that reads the tail again (cursor moved back) still delivers nothing
		// twice
		this.jdbc.sql("UPDATE feed_cursor SET position = :p WHERE feed = 'proposal-events'")
			.param("p", start + backlog - 30)
			.update();
		assertThat(this.poller.poll()).isEqualTo(30);
		long inbox = this.jdbc
			.sql("SELECT COUNT(*) FROM notification WHERE recipient_id = 'u-member3' AND title LIKE '%积压事件%'")
			.query(Long.class)
			.single();
		assertThat(inbox).isEqualTo(backlog);
		long emails = this.jdbc.sql("""
				SELECT COUNT(*) FROM delivery d JOIN notification n ON n.event_id = d.event_id
				WHERE d.recipient = 'u-member3' AND d.channel = 'EMAIL' AND n.title LIKE '%积压事件%'
				  AND n.recipient_id = 'u-member3'
				""").query(Long.class).single();
		assertThat(emails).isEqualTo(backlog);
	}

}
