package cn.gov.cppcc.proposals.statistics.rebuild;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the batched rebuild by itself when the stored read model needs it
 * ({@link RebuildService#startIfNeeded(boolean)}):
 * <ul>
 * <li>at start-up, an empty read model against a feed that already holds history (ten
 * years: 150,000 events) is loaded in bulk rather than one transaction per event;</li>
 * <li>at start-up and then every {@code platform.statistics.projection-check-interval} (1
 * minute), a read model built by an older projector ({@code Projector.VERSION}) is
 * re-projected: a changed definition needs the history, not only the events to come. The
 * check repeats so that a rebuild that failed (proposal-service not up yet) is tried
 * again; until it succeeds the old figures stay and the live poller keeps applying new
 * events.</li>
 * </ul>
 * One instance at a time: the rebuild flag in {@code feed_cursor}; the others find it
 * taken and do nothing.
 */
@Component
@ConditionalOnProperty(name = "platform.statistics.feed.enabled", havingValue = "true", matchIfMissing = true)
class StartupRebuild {

	private final RebuildService rebuilds;

	StartupRebuild(RebuildService rebuilds) {
		this.rebuilds = rebuilds;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		this.rebuilds.startIfNeeded(true);
	}

	@Scheduled(fixedDelayString = "${platform.statistics.projection-check-interval:1m}",
			initialDelayString = "${platform.statistics.projection-check-interval:1m}")
	void whileOutdated() {
		this.rebuilds.startIfNeeded(false);
	}

}
