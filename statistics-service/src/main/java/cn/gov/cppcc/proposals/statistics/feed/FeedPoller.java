package cn.gov.cppcc.proposals.statistics.feed;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.common.event.EventPage;
import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;

/**
 * Keeps the read model current: every ~500 ms (one instance at a time, ShedLock) reads
 * the feed after the cursor and applies each event. A failing proposal-service only
 * delays it: the failure is logged once, the poller backs off (doubling up to
 * {@code platform.statistics.feed.backoff-max}) and logs again when the feed is back.
 */
@Component
@ConditionalOnProperty(name = "platform.statistics.feed.enabled", havingValue = "true", matchIfMissing = true)
public class FeedPoller {

	private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

	private final ProposalEventsClient client;

	private final EventApplier applier;

	private final FeedCursor cursor;

	private final StatisticsProperties properties;

	private Instant pausedUntil = Instant.EPOCH;

	private Duration backoff = Duration.ZERO;

	public FeedPoller(ProposalEventsClient client, EventApplier applier, FeedCursor cursor,
			StatisticsProperties properties) {
		this.client = client;
		this.applier = applier;
		this.cursor = cursor;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${platform.statistics.feed.poll-interval:500ms}",
			initialDelayString = "${platform.statistics.feed.initial-delay:5s}")
	@SchedulerLock(name = "statistics-feed", lockAtMostFor = "PT30S")
	public void poll() {
		if (Instant.now().isBefore(this.pausedUntil) || this.cursor.rebuilding()) {
			return;
		}
		try {
			int applied;
			do {
				applied = pollOnce();
			}
			while (applied >= this.properties.feed().pageSize() && !this.cursor.rebuilding());
			if (!this.backoff.isZero()) {
				log.info("proposal-service event feed is reachable again");
				this.backoff = Duration.ZERO;
			}
		}
		catch (RuntimeException ex) {
			if (this.backoff.isZero()) {
				log.warn("Cannot read proposal-service's event feed; statistics wait and retry: {}", rootCause(ex));
				this.backoff = Duration.ofSeconds(1);
			}
			else {
				Duration doubled = this.backoff.multipliedBy(2);
				this.backoff = (doubled.compareTo(this.properties.feed().backoffMax()) > 0)
						? this.properties.feed().backoffMax() : doubled;
			}
			this.pausedUntil = Instant.now().plus(this.backoff);
		}
	}

	/**
	 * @return the number of events in the page read
	 */
	int pollOnce() {
		EventPage page = this.client.events(this.cursor.position(), this.properties.feed().pageSize());
		if (page == null || page.items() == null) {
			return 0;
		}
		for (EventEnvelope event : page.items()) {
			this.applier.apply(event);
		}
		return page.items().size();
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

}
