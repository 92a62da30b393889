package cn.gov.cppcc.proposals.common.scheduling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.beans.factory.DisposableBean;
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
 * on immediately instead of waiting out the lock ({@link ClusterLockRelease}). With
 * {@code server.port=0} the name is {@code host:pid} and nothing is released (the lock
 * simply expires).</li>
 * </ul>
 */
public class ClusterLocks implements LockProvider, DisposableBean {

	private final JdbcTemplate jdbc;

	private final String instance;

	private final ScheduledExecutorService keepAlive;

	private final KeepAliveLockProvider delegate;

	public ClusterLocks(DataSource dataSource, int configuredPort) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.instance = instanceName(configuredPort);
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

	public String instance() {
		return this.instance;
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

	/**
	 * The name locks are taken under: {@code host:port}, or {@code host:pid<pid>} when
	 * the port is chosen at random.
	 * @param configuredPort {@code server.port}
	 * @return the name
	 */
	static String instanceName(int configuredPort) {
		return host() + ":"
				+ ((configuredPort > 0) ? Integer.toString(configuredPort) : "pid" + ProcessHandle.current().pid());
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
