package cn.gov.cppcc.proposals.common.database;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.StringUtils;

/**
 * Puts the application's HikariCP pool behind a {@link WatchedDataSource} and points the
 * {@link DatabaseWatchdog} at the same database (URL, credentials and driver properties
 * of the pool, its own connection). After initialization: the pool's settings are bound
 * by then and the pool is not started yet.
 */
public class WatchedDataSourcePostProcessor implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(WatchedDataSourcePostProcessor.class);

	private final ObjectProvider<DatabaseWatchdog> watchdog;

	public WatchedDataSourcePostProcessor(ObjectProvider<DatabaseWatchdog> watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof HikariDataSource pool)) {
			return bean;
		}
		DatabaseWatchdog current = this.watchdog.getIfAvailable();
		if (current == null || pool.getJdbcUrl() == null) {
			return bean;
		}
		DatabaseWatchdog.ConnectionFactory factory = DatabaseWatchdog.jdbc(pool.getJdbcUrl(), pool.getDriverClassName(),
				pool.getUsername(), pool.getPassword(), pool.getDataSourceProperties(),
				current.properties().connectTimeout());
		if (!current.watch(factory, DatabaseWatchdog.describe(pool.getJdbcUrl()))) {
			log.info("DataSource '{}' is not watched: the database watchdog watches one DataSource only", beanName);
			return bean;
		}
		if (pool.getExceptionOverride() == null && !StringUtils.hasText(pool.getExceptionOverrideClassName())) {
			pool.setExceptionOverride(new WatchedDataSource.AbortedConnectionFailures(current));
		}
		WatchedDataSource watched = new WatchedDataSource(pool, current);
		current.addListener(watched);
		return watched;
	}

}
