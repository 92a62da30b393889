package cn.gov.cppcc.proposals.proposal.refresh;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.proposal.search.SearchIndex;
import cn.gov.cppcc.proposals.proposal.suggestion.AssignmentSuggestions;

/**
 * Keeps this instance's in-memory search index and suggestion engine in line with writes
 * made through OTHER instances. Each instance runs it (no ShedLock: every instance
 * refreshes its own memory): every {@code platform.refresh.delay} (2 s) it reads the
 * numbered {@code outbox_event} rows after the last position it applied, and re-indexes
 * and re-learns those proposals from the database. Idempotent: a proposal written through
 * this instance is indexed again, harmlessly.
 * <p>
 * The start position is taken when the application has started, before the index and the
 * engine are rebuilt (on ready), so no committed change is missed in between.
 */
@Component
public class InstanceRefresher {

	private static final Logger log = LoggerFactory.getLogger(InstanceRefresher.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final SearchIndex search;

	private final AssignmentSuggestions suggestions;

	/** The last feed position applied; null until the application has started. */
	private volatile Long applied;

	InstanceRefresher(JdbcClient jdbc, SearchIndex search, AssignmentSuggestions suggestions) {
		this.jdbc = jdbc;
		this.search = search;
		this.suggestions = suggestions;
	}

	@EventListener(ApplicationStartedEvent.class)
	void start() {
		this.applied = this.jdbc.sql("SELECT COALESCE(MAX(position), 0) FROM outbox_event").query(Long.class).single();
	}

	@Scheduled(fixedDelayString = "${platform.refresh.delay:2s}", initialDelayString = "${platform.refresh.delay:2s}")
	void scheduledRefresh() {
		if (this.applied == null) {
			return;
		}
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Instance refresh failed, retrying next time: {}", ex.toString());
		}
	}

	/**
	 * One run: applies every numbered event after the last one applied, in batches of
	 * {@value #BATCH}.
	 * @return how many events were read
	 */
	public synchronized int refresh() {
		int total = 0;
		int read;
		do {
			read = applyNextBatch();
			total += read;
		}
		while (read == BATCH);
		return total;
	}

	private int applyNextBatch() {
		long from = (this.applied != null) ? this.applied : 0;
		record Row(long position, String aggregateId) {
		}
		List<Row> rows = this.jdbc
			.sql("SELECT position, aggregate_id FROM outbox_event WHERE position > ? ORDER BY position LIMIT " + BATCH)
			.param(from)
			.query((rs, n) -> new Row(rs.getLong("position"), rs.getString("aggregate_id")))
			.list();
		if (rows.isEmpty()) {
			return 0;
		}
		Set<Long> ids = new LinkedHashSet<>();
		for (Row row : rows) {
			try {
				ids.add(Long.valueOf(row.aggregateId()));
			}
			catch (NumberFormatException ex) {
				// not a proposal
			}
		}
		for (Long id : ids) {
			try {
				this.search.index(id);
				this.suggestions.sync(id);
			}
			catch (RuntimeException ex) {
				// one broken proposal must not stop the others; the next write of it
				// brings it back
				log.warn("Instance refresh of proposal {} failed: {}", id, ex.toString());
			}
		}
		this.applied = rows.get(rows.size() - 1).position();
		return rows.size();
	}

	/** The last feed position this instance applied. */
	public Long appliedPosition() {
		return this.applied;
	}

}
