package cn.gov.cppcc.proposals.statistics.rebuild;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.statistics.feed.FeedCursor;

/**
 * First start against a feed that already holds history (ten years: 150,000 events): an
 * empty read model is loaded with the batched rebuild rather than one transaction per
 * event. If proposal-service is not up yet the rebuild fails harmlessly and the live
 * poller catches up by itself.
 */
@Component
@ConditionalOnProperty(name = "platform.statistics.feed.enabled", havingValue = "true", matchIfMissing = true)
class InitialLoad {

	private static final Logger log = LoggerFactory.getLogger(InitialLoad.class);

	private final FeedCursor cursor;

	private final RebuildService rebuilds;

	InitialLoad(FeedCursor cursor, RebuildService rebuilds) {
		this.cursor = cursor;
		this.rebuilds = rebuilds;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadEmptyReadModel() {
		if (this.cursor.position() == 0) {
			try {
				this.rebuilds.start();
				log.info("Empty statistics read model: loading the event feed in bulk");
			}
			catch (ApiException ex) {
				// another instance is loading it
			}
		}
	}

}
