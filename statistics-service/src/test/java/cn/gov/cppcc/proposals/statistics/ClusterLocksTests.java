package cn.gov.cppcc.proposals.statistics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.gov.cppcc.proposals.common.scheduling.ClusterLockRelease;
import cn.gov.cppcc.proposals.common.scheduling.ClusterLocks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled-job lock of every service ({@code common}'s ClusterLocks) on this
 * service's real {@code shedlock} table: a restarted instance releases what its killed
 * predecessor under the same {@code host:port} still held, and nothing else.
 */
class ClusterLocksTests extends StatisticsTestBase {

	@Autowired
	DataSource dataSource;

	@Autowired
	LockProvider lockProvider;

	@Test
	void theServiceLocksThroughClusterLocks() {
		// possibly wrapped by the database watchdog's OutageTolerantLockProvider
		assertThat(this.lockProvider.toString()).contains("ClusterLocks");
	}

	@Test
	void aRestartedInstanceReleasesOnlyWhatItsDeadPredecessorHeld() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// the predecessor (same host:port) was killed while holding a lock for another
		// hour
		ClusterLocks probe = new ClusterLocks(this.dataSource, 18999);
		String me = probe.instance();
		jdbc.update("DELETE FROM shedlock WHERE name LIKE 'cluster-locks-test-%'");
		jdbc.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES "
				+ "('cluster-locks-test-dead', UTC_TIMESTAMP(3) + INTERVAL 1 HOUR, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, ?),"
				+ "('cluster-locks-test-other', UTC_TIMESTAMP(3) + INTERVAL 1 HOUR, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, ?)",
				me, "another-host:18999");
		LockProvider plain = new JdbcTemplateLockProvider(
				JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(jdbc).usingDbTime().build());
		assertThat(lock(plain, "cluster-locks-test-dead")).isEmpty();

		// the new process under the same name starts, takes a lock of its own, and binds
		// its port
		ClusterLockRelease release = new ClusterLockRelease(this.dataSource, 18999);
		ClusterLocks restarted = new ClusterLocks(this.dataSource, 18999);
		Optional<SimpleLock> mine = lock(restarted, "cluster-locks-test-mine");
		assertThat(mine).isPresent();
		assertThat(release.releaseLocksOfPredecessor()).isEqualTo(1);

		// the dead predecessor's lock is free, another instance's and its own new one are
		// not
		Optional<SimpleLock> freed = lock(plain, "cluster-locks-test-dead");
		assertThat(freed).isPresent();
		assertThat(lock(plain, "cluster-locks-test-other")).isEmpty();
		assertThat(lock(plain, "cluster-locks-test-mine")).isEmpty();
		Timestamp otherUntil = jdbc
			.queryForObject("SELECT lock_until FROM shedlock WHERE name = 'cluster-locks-test-other'", Timestamp.class);
		assertThat(otherUntil.toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
		// and releasing again finds nothing
		assertThat(release.releaseLocksOfPredecessor()).isZero();
		mine.get().unlock();
		freed.get().unlock();
		restarted.destroy();
		probe.destroy();
	}

	@Test
	void aKeptAliveLockStillEndsWhenTheJobEnds() {
		ClusterLocks locks = new ClusterLocks(this.dataSource, 18998);
		Optional<SimpleLock> lock = lock(locks, "cluster-locks-test-job");
		assertThat(lock).isPresent();
		assertThat(lock(locks, "cluster-locks-test-job")).isEmpty();
		lock.get().unlock();
		Optional<SimpleLock> again = lock(locks, "cluster-locks-test-job");
		assertThat(again).isPresent();
		again.get().unlock();
		locks.destroy();
	}

	private static Optional<SimpleLock> lock(LockProvider provider, String name) {
		return provider.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO));
	}

}
