package cn.gov.cppcc.proposals.notification.feed;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.common.event.EventPage;
import cn.gov.cppcc.proposals.notification.config.NotificationProperties;

/**
 * Reads proposal-service's feed from the stored cursor, one instance at a time
 * (ShedLock). A failure stops the round; the next round starts again at the cursor, so
 * nothing is skipped and a repeated event is ignored by the unique keys.
 */
@Component
class EventFeedPoller {

	private static final Logger log = LoggerFactory.getLogger(EventFeedPoller.class);

	static final int PAGE = 200;

	private final ProposalEventsClient client;

	private final EventApplier applier;

	private final NotificationProperties properties;

	EventFeedPoller(ProposalEventsClient client, EventApplier applier, NotificationProperties properties) {
		this.client = client;
		this.applier = applier;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${platform.notification.poll-interval:300ms}", initialDelayString = "3s")
	@SchedulerLock(name = "notification-proposal-feed", lockAtMostFor = "PT30S", lockAtLeastFor = "PT0S")
	void scheduled() {
		if (this.properties.feedEnabled()) {
			poll();
		}
	}

	/**
	 * Read and apply until the feed has nothing more.
	 * @return events applied
	 */
	int poll() {
		int applied = 0;
		try {
			while (true) {
				long cursor = this.applier.cursor();
				EventPage page = this.client.events(cursor, PAGE);
				if (page == null || page.items() == null || page.items().isEmpty()) {
					return applied;
				}
				for (EventEnvelope event : page.items()) {
					if (event.position() <= cursor) {
						continue;
					}
					this.applier.applyAndAdvance(event);
					applied++;
				}
				if (page.items().size() < PAGE) {
					return applied;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reading the proposal event feed failed ({}); retrying next round", ex.getClass().getSimpleName());
			return applied;
		}
	}

}
