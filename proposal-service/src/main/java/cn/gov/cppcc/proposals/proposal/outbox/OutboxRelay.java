package cn.gov.cppcc.proposals.proposal.outbox;

import java.util.ArrayList;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The single relay (ShedLock: one instance across a cluster) that gives committed outbox
 * rows the next feed positions 1, 2, 3… in id order, in one short transaction. Rows of
 * transactions still running are invisible to it and get a later position, so readers
 * only ever see an ordered feed without gaps; the unique key on {@code position} makes
 * two relays running at once fail rather than duplicate.
 */
@Component
public class OutboxRelay {

	/** Rows numbered per transaction. */
	static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate tx;

	OutboxRelay(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.tx = tx;
	}

	@Scheduled(fixedDelayString = "${platform.outbox.relay-delay:200ms}")
	@SchedulerLock(name = "outbox-relay", lockAtMostFor = "PT30S")
	public void scheduledRelay() {
		// a backlog (after a restart, a bulk load) drains at once, 500 rows a
		// transaction, instead of 500 rows per tick; bounded so the lock is never held
		// near its 30 s limit
		for (int batch = 0; batch < 40 && relay() == BATCH; batch++) {
			// next batch
		}
	}

	/**
	 * Numbers the committed rows without a position.
	 * @return how many rows got a position
	 */
	public int relay() {
		Integer count = this.tx.execute((status) -> {
			List<Long> ids = this.jdbc.sql("SELECT id FROM outbox_event WHERE position IS NULL ORDER BY id LIMIT ?")
				.param(BATCH)
				.query(Long.class)
				.list();
			if (ids.isEmpty()) {
				return 0;
			}
			long last = this.jdbc.sql("SELECT COALESCE(MAX(position), 0) FROM outbox_event").query(Long.class).single();
			// one batched statement for the whole set (one round trip with the driver's
			// rewriteBatchedStatements), not one UPDATE per row
			List<Object[]> positions = new ArrayList<>(ids.size());
			for (Long id : ids) {
				positions.add(new Object[] { ++last, id });
			}
			this.jdbcTemplate.batchUpdate("UPDATE outbox_event SET position = ? WHERE id = ?", positions);
			return ids.size();
		});
		return (count != null) ? count : 0;
	}

}
