package cn.gov.cppcc.proposals.proposal.outbox;

import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

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

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Scheduled(fixedDelayString = "${platform.outbox.relay-delay:200ms}")
	@SchedulerLock(name = "outbox-relay", lockAtMostFor = "PT30S")
	public void scheduledRelay() {
		relay();
	}

	/**
	 * Numbers the committed rows without a position.
	 * @return how many rows got a position
	 */
	public int relay() {
		Integer count = this.tx.execute((status) -> {
			List<Long> ids = this.jdbc.sql("SELECT id FROM outbox_event WHERE position IS NULL ORDER BY id LIMIT 500")
				.query(Long.class)
				.list();
			if (ids.isEmpty()) {
				return 0;
			}
			long last = this.jdbc.sql("SELECT COALESCE(MAX(position), 0) FROM outbox_event").query(Long.class).single();
			for (Long id : ids) {
				this.jdbc.sql("UPDATE outbox_event SET position = ? WHERE id = ?").params(++last, id).update();
			}
			return ids.size();
		});
		return (count != null) ? count : 0;
	}

}
