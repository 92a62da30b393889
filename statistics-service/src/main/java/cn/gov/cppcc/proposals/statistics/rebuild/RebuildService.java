package cn.gov.cppcc.proposals.statistics.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.common.event.EventPage;
import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.fact.FactStore;
import cn.gov.cppcc.proposals.statistics.fact.ProposalState;
import cn.gov.cppcc.proposals.statistics.fact.Projector;
import cn.gov.cppcc.proposals.statistics.feed.FeedCursor;
import cn.gov.cppcc.proposals.statistics.feed.ProposalEventsClient;

/**
 * Rebuilds the read model from position 0 of the feed, in the background: reads the whole
 * feed, applies it in memory with the same {@link Projector} as the live consumer, then
 * in ONE transaction empties the read model and writes the result in batches together
 * with every event id and the cursor. Reports keep answering from the old tables until
 * that transaction commits; the live poller pauses meanwhile (the {@code rebuilding}
 * flag). If proposal-service fails midway the old read model stays as it was.
 */
@Service
public class RebuildService {

	private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

	private static final int BATCH = 2000;

	private final ProposalEventsClient client;

	private final FactStore facts;

	private final FeedCursor cursor;

	private final Projector projector;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final StatisticsProperties properties;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((r) -> {
		Thread thread = new Thread(r, "statistics-rebuild");
		thread.setDaemon(true);
		return thread;
	});

	private volatile RebuildProgress progress = RebuildProgress.idle();

	RebuildService(ProposalEventsClient client, FactStore facts, FeedCursor cursor, Projector projector,
			JdbcTemplate jdbc, TransactionTemplate transaction, StatisticsProperties properties) {
		this.client = client;
		this.facts = facts;
		this.cursor = cursor;
		this.projector = projector;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.properties = properties;
	}

	public RebuildProgress progress() {
		return this.progress;
	}

	/**
	 * Starts a rebuild unless one is running (here or on another instance: the
	 * {@code feed_cursor.rebuilding} flag, taken by one conditional UPDATE and kept alive
	 * by a heartbeat while the feed is read, is the cluster-wide lock; a ShedLock lock
	 * would end with the call while the rebuild goes on in the background).
	 * @param trigger why: ADMIN, EMPTY_READ_MODEL or PROJECTION_VERSION
	 * @return the progress at the start
	 */
	public synchronized RebuildProgress start(String trigger) {
		if ("RUNNING".equals(this.progress.state()) || !this.cursor.startRebuilding()) {
			throw new ApiException(HttpStatus.CONFLICT, "rebuild-running");
		}
		Instant startedAt = Instant.now();
		this.progress = RebuildProgress.running(startedAt, 0, this.cursor.position(), trigger);
		this.executor.execute(() -> run(startedAt, trigger));
		return this.progress;
	}

	/**
	 * Starts the rebuild when the stored read model needs it: empty (first start against
	 * a feed with history: the batched load beats one transaction per event), or built by
	 * an older projector ({@code feed_cursor.projection_version} below
	 * {@link Projector#VERSION}: a changed definition needs the history re-projected; the
	 * live consumer only applies new events). Nothing when a rebuild already runs here or
	 * on another instance.
	 * @param atStart whether this is the start-up check (an empty read model is loaded
	 * only then; afterwards the live poller fills it)
	 * @return the trigger of the rebuild started, or {@code null}
	 */
	public String startIfNeeded(boolean atStart) {
		String trigger = null;
		int stored = this.cursor.projectionVersion();
		if (atStart && this.cursor.position() == 0) {
			trigger = "EMPTY_READ_MODEL";
		}
		else if (stored < Projector.VERSION) {
			trigger = "PROJECTION_VERSION";
		}
		if (trigger == null) {
			return null;
		}
		try {
			start(trigger);
		}
		catch (ApiException ex) {
			// another rebuild runs (here or on another instance)
			return null;
		}
		if ("PROJECTION_VERSION".equals(trigger)) {
			log.info(
					"Statistics read model was projected by version {}, this code is version {}: re-projecting the "
							+ "event feed (progress: GET /api/v1/statistics/rebuild on this instance)",
					stored, Projector.VERSION);
		}
		else {
			log.info("Empty statistics read model: loading the event feed in bulk");
		}
		return trigger;
	}

	private void run(Instant startedAt, String trigger) {
		try {
			Map<String, ProposalState> states = new LinkedHashMap<>();
			Set<String> seen = new HashSet<>();
			List<String> eventIds = new ArrayList<>();
			long after = 0;
			long processed = 0;
			long latest = this.progress.latestKnownPosition();
			while (true) {
				EventPage page = page(after);
				if (page == null || page.items() == null || page.items().isEmpty()) {
					break;
				}
				for (EventEnvelope event : page.items()) {
					if (seen.add(event.id())) {
						eventIds.add(event.id());
						if ("proposal".equals(event.aggregateType()) && event.aggregateId() != null) {
							ProposalState state = states.computeIfAbsent(event.aggregateId(), ProposalState::create);
							this.projector.apply(state, event);
						}
					}
					after = Math.max(after, event.position());
					processed++;
				}
				latest = Math.max(latest, after);
				this.cursor.heartbeat();
				this.progress = RebuildProgress.running(startedAt, processed, latest, trigger);
			}
			long position = after;
			this.transaction.executeWithoutResult((tx) -> {
				this.facts.clear();
				this.jdbc.update("DELETE FROM processed_event");
				this.jdbc.batchUpdate("INSERT IGNORE INTO processed_event (event_id) VALUES (?)", eventIds, BATCH,
						(ps, id) -> ps.setString(1, id));
				this.facts.insertAll(states.values());
				this.cursor.moveTo(position);
				this.cursor.projectionVersion(Projector.VERSION);
			});
			this.progress = this.progress.done(Instant.now(), processed, position);
			log.info("Statistics rebuilt from {} events ({} proposals) in {} ms", processed, states.size(),
					Duration.between(startedAt, Instant.now()).toMillis());
		}
		catch (RuntimeException ex) {
			log.warn("Statistics rebuild failed; the previous read model is kept: {}", rootCause(ex));
			this.progress = this.progress.failed(Instant.now(), "dependency-unavailable");
		}
		finally {
			this.cursor.stopRebuilding();
		}
	}

	/**
	 * One page of the feed; a slow or failing page is tried three times before the
	 * rebuild gives up.
	 */
	private EventPage page(long after) {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= 3; attempt++) {
			try {
				return this.client.events(after, this.properties.feed().pageSize());
			}
			catch (RuntimeException ex) {
				last = ex;
				log.info("Rebuild: page after {} failed (attempt {}): {}", after, attempt, rootCause(ex));
				try {
					Thread.sleep(500L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
		throw last;
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

}
