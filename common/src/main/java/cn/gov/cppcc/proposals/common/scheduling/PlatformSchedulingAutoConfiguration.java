package cn.gov.cppcc.proposals.common.scheduling;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service with a database and ShedLock gets its scheduled-job lock from here
 * ({@link ClusterLocks}); the service itself only says {@code @EnableSchedulerLock} and
 * names each job's lock.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcTemplateLockProvider.class, DataSource.class })
public class PlatformSchedulingAutoConfiguration {

	@Bean
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnMissingBean(LockProvider.class)
	ClusterLocks clusterLocks(DataSource dataSource, Environment environment) {
		return new ClusterLocks(dataSource, environment.getProperty("server.port", Integer.class, 8080));
	}

	@Bean
	@ConditionalOnBean(DataSource.class)
	ClusterLockRelease clusterLockRelease(DataSource dataSource, Environment environment) {
		return new ClusterLockRelease(dataSource, environment.getProperty("server.port", Integer.class, 8080));
	}

}
