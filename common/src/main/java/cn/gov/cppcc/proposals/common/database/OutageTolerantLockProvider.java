package cn.gov.cppcc.proposals.common.database;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ShedLock {@link LockProvider} that takes no lock while the database is down, and
 * whose locks are released after a database outage.
 * <p>
 * A job that held its lock when the database went down cannot release it (the release is
 * an UPDATE of the lock row); the lock then stays held until {@code lockAtMostFor} (the
 * statistics feed's is 5 minutes), and the job does not run on any instance for that long
 * although the database is back. Here a release that fails because the database is
 * unavailable is remembered and done again as soon as the watchdog sees the database
 * answer, unless the lock has expired meanwhile (then another instance may hold it now,
 * and releasing it would release theirs).
 */
public class OutageTolerantLockProvider implements LockProvider, DatabaseWatchdog.Listener {

	private static final Logger log = LoggerFactory.getLogger(OutageTolerantLockProvider.class);

	/** A release this close to the lock's expiry is left to the expiry. */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	private final LockProvider delegate;

	private final DatabaseWatchdog watchdog;

	private final Queue<HeldLock> unreleased = new ConcurrentLinkedQueue<>();

	public OutageTolerantLockProvider(LockProvider delegate, DatabaseWatchdog watchdog) {
		this.delegate = delegate;
		this.watchdog = watchdog;
	}

	/**
	 * Not taken while the database is down (the task does not run, as when another
	 * instance holds the lock), without trying: ShedLock would log the failed INSERT as
	 * an error with its stack trace, at every tick.
	 */
	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		if (this.watchdog.isDown()) {
			log.trace("Lock {} not taken: the database is down", configuration.getName());
			return Optional.empty();
		}
		return this.delegate.lock(configuration).map((lock) -> new HeldLock(lock, configuration));
	}

	/**
	 * How many locks wait to be released once the database is back.
	 * @return the number of locks
	 */
	public int unreleased() {
		return this.unreleased.size();
	}

	@Override
	public void databaseUp(Duration outage) {
		HeldLock lock;
		while ((lock = this.unreleased.poll()) != null) {
			if (ClockProvider.now().plus(MARGIN).isAfter(lock.configuration.getLockAtMostUntil())) {
				log.debug("Lock {} expired during the outage", lock.configuration.getName());
				continue;
			}
			try {
				lock.delegate.unlock();
				log.info("Lock {} released after the database outage (it was held when the database stopped)",
						lock.configuration.getName());
			}
			catch (RuntimeException ex) {
				log.warn("Lock {} could not be released after the database outage; it expires at {}: {}",
						lock.configuration.getName(), lock.configuration.getLockAtMostUntil(), ex.toString());
			}
		}
	}

	@Override
	public String toString() {
		return "OutageTolerantLockProvider[" + this.delegate + "]";
	}

	private final class HeldLock implements SimpleLock {

		private final SimpleLock delegate;

		private final LockConfiguration configuration;

		HeldLock(SimpleLock delegate, LockConfiguration configuration) {
			this.delegate = delegate;
			this.configuration = configuration;
		}

		@Override
		public void unlock() {
			try {
				this.delegate.unlock();
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				// ShedLock's lock stays valid when its release failed: it can be released
				// again
				log.debug("Lock {} not released (database unavailable): released again once the database answers",
						this.configuration.getName());
				OutageTolerantLockProvider.this.unreleased.add(this);
			}
		}

		@Override
		public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
			Instant now = ClockProvider.now();
			return this.delegate.extend(lockAtMostFor, lockAtLeastFor)
				.map((lock) -> new HeldLock(lock,
						new LockConfiguration(now, this.configuration.getName(), lockAtMostFor, lockAtLeastFor)));
		}

	}

}
