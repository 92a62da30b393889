package cn.gov.cppcc.proposals.common.scheduling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lock behind every scheduled job that must run on one instance at a time across a
 * cluster (outbox relay, deadline job, feed consumers, clean-ups): ShedLock over the
 * service's {@code shedlock} table with the database's clock, in one place for every
 * service.
 * <p>
 * Two things ShedLock alone does not do, and a killed instance needs:
 * <ul>
 * <li><b>Kept alive, so it can be short.</b> A job's lock is extended while the job runs
 * (ShedLock's {@link KeepAliveLockProvider}, half-way through {@code lockAtMostFor}), so
 * a long drain never runs twice, and {@code lockAtMostFor} can be the 30 s minimum: an
 * instance that dies holding a lock blocks the others for at most that long, not for the
 * minutes a long-job-proof {@code lockAtMostFor} used to need.</li>
 * <li><b>Released by the instance's successor.</b> Locks are taken in the name of
 * {@code host:port}. Once the web server of a (re)started instance has bound that port,
 * no other live process on that host can hold it, so the locks taken under that name
 * before this process started belonged to a dead predecessor (a SIGKILL, an OOM kill, a
 * container restart in the same pod) and are released at once: a restarted consumer goes
 * on immediately instead of waiting out the lock. With {@code server.port=0} the name is
 * {@code host:pid} and nothing is released (the lock simply expires).</li>
 * </ul>
 */
public class ClusterLocks implements LockProvider, ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ClusterLocks.class);

	private final JdbcTemplate jdbc;

	private final String instance;

	private final boolean fixedPort;

	private final Timestamp startedAt;

	private final ScheduledExecutorService keepAlive;

	private final KeepAliveLockProvider delegate;

	public ClusterLocks(DataSource dataSource, int configuredPort) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.fixedPort = configuredPort > 0;
		this.instance = host() + ":"
				+ (this.fixedPort ? Integer.toString(configuredPort) : "pid" + ProcessHandle.current().pid());
		// the database's clock, as ShedLock's usingDbTime() writes locked_at with it
		this.startedAt = this.jdbc.queryForObject("SELECT UTC_TIMESTAMP(3)", Timestamp.class);
		this.keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cluster-lock-keep-alive");
			thread.setDaemon(true);
			return thread;
		});
		this.delegate = new KeepAliveLockProvider(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(this.jdbc)
					.usingDbTime()
					.withLockedByValue(this.instance)
					.build()),
				this.keepAlive);
	}

	@Override
	public Optional<SimpleLock> lock(LockConfiguration lockConfiguration) {
		return this.delegate.lock(lockConfiguration);
	}

	/**
	 * The port is bound: release what a dead predecessor under the same name still holds.
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!this.fixedPort || event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		int released = releaseLocksOfPredecessor();
		if (released > 0) {
			log.info("Released {} scheduled-job lock(s) left by a previous process of {} (it did not stop cleanly)",
					released, this.instance);
		}
	}

	public int releaseLocksOfPredecessor() {
		return this.jdbc.update(
				"UPDATE shedlock SET lock_until = UTC_TIMESTAMP(3) WHERE locked_by = ? AND locked_at < ? AND lock_until > UTC_TIMESTAMP(3)",
				this.instance, this.startedAt);
	}

	public String instance() {
		return this.instance;
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
