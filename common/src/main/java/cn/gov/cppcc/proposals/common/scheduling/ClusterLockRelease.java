package cn.gov.cppcc.proposals.common.scheduling;

import java.sql.Timestamp;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Once the web server has bound this instance's port, releases the scheduled-job locks
 * that a dead predecessor under the same {@code host:port} name still holds (see
 * {@link ClusterLocks}). Created with the context, before any scheduled job runs, so the
 * locks taken before {@code startedAt} are not this process's own.
 */
public class ClusterLockRelease implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger log = LoggerFactory.getLogger(ClusterLockRelease.class);

	private final JdbcTemplate jdbc;

	private final boolean fixedPort;

	private final String instance;

	private final Timestamp startedAt;

	public ClusterLockRelease(DataSource dataSource, int configuredPort) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.fixedPort = configuredPort > 0;
		this.instance = ClusterLocks.instanceName(configuredPort);
		// the database's clock, as ShedLock's usingDbTime() writes locked_at with it
		this.startedAt = this.jdbc.queryForObject("SELECT UTC_TIMESTAMP(3)", Timestamp.class);
	}

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

}
