package cn.gov.cppcc.proposals.proposal.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Keeps this instance's in-memory search index and suggestion engine in line with writes
 * made through OTHER instances. Each instance runs it (no ShedLock: every instance
 * refreshes its own memory): every {@code platform.refresh.delay} (2 s) it re-indexes and
 * re-learns from the database
 * <ul>
 * <li>the proposals of the numbered {@code outbox_event} rows after the last position it
 * applied, and</li>
 * <li>the proposals whose row changed without an event (a draft's edit records no event:
 * docs/events.md has none for it): rows with {@code updated_at} in the last
 * {@value #LOOKBACK_SECONDS} s whose {@code version} differs from the one this pass saw
 * last (the look-back covers the time between a writer taking {@code updated_at} and its
 * commit, and clock differences between instances).</li>
 * </ul>
 * Idempotent: a proposal written through this instance is indexed again, harmlessly.
 * <p>
 * The start position is taken when the application has started, before the index and the
 * engine are rebuilt (on ready), so no committed change is missed in between.
 */
@Component
public class InstanceRefresher {

	private static final Logger log = LoggerFactory.getLogger(InstanceRefresher.class);

	private static final int BATCH = 500;

	static final int LOOKBACK_SECONDS = 60;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final SearchIndex search;

	private final AssignmentSuggestions suggestions;

	/** The last feed position applied; null until the application has started. */
	private volatile Long applied;

	/** Version of each proposal changed within the look-back, as the last pass saw it. */
	private Map<Long, Long> recent = new HashMap<>();

	/** When the last pass that read recent changes began (this instance's clock). */
	private Instant scanned;

	InstanceRefresher(JdbcClient jdbc, Clock clock, SearchIndex search, AssignmentSuggestions suggestions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.search = search;
		this.suggestions = suggestions;
	}

	@EventListener(ApplicationStartedEvent.class)
	void start() {
		this.scanned = this.clock.instant();
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
	 * {@value #BATCH}, then the rows changed without an event. The changed rows are read
	 * first, so every proposal applied in this run is read from the database after the
	 * version noted for it.
	 * @return how many events were read
	 */
	public synchronized int refresh() {
		Instant started = this.clock.instant();
		Instant since = ((this.scanned != null) ? this.scanned : started).minusSeconds(LOOKBACK_SECONDS);
		Map<Long, Long> versions = new HashMap<>();
		this.jdbc.sql("SELECT id, version FROM proposal WHERE updated_at >= ?").param(Db.ts(since)).query((rs) -> {
			versions.put(rs.getLong("id"), rs.getLong("version"));
		});
		int total = 0;
		int read;
		Set<Long> applied = new HashSet<>();
		do {
			read = applyNextBatch(applied);
			total += read;
		}
		while (read == BATCH);
		Set<Long> changed = new LinkedHashSet<>();
		versions.forEach((id, version) -> {
			if (!version.equals(this.recent.get(id)) && !applied.contains(id)) {
				changed.add(id);
			}
		});
		apply(changed);
		this.recent = versions;
		this.scanned = started;
		return total;
	}

	private void apply(Set<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		List<Long> batch = new ArrayList<>(ids);
		try {
			// a few queries per batch instead of a few per proposal
			this.search.index(batch);
		}
		catch (RuntimeException ex) {
			// one broken proposal must not stop the others: again one at a time
			log.warn("Instance refresh of {} proposals failed ({}); indexing them one by one", batch.size(),
					ex.toString());
			for (Long id : batch) {
				try {
					this.search.index(id);
				}
				catch (RuntimeException one) {
					// the next write of it brings it back
					log.warn("Instance refresh of proposal {} failed: {}", id, one.toString());
				}
			}
		}
		for (Long id : batch) {
			try {
				this.suggestions.sync(id);
			}
			catch (RuntimeException ex) {
				log.warn("Suggestion refresh of proposal {} failed: {}", id, ex.toString());
			}
		}
	}

	private int applyNextBatch(Set<Long> applied) {
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
		apply(ids);
		applied.addAll(ids);
		this.applied = rows.get(rows.size() - 1).position();
		return rows.size();
	}

	/** The last feed position this instance applied. */
	public Long appliedPosition() {
		return this.applied;
	}

}
