package cn.gov.cppcc.proposals.common.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import cn.gov.cppcc.proposals.common.database.DatabaseHealthIndicator;
import cn.gov.cppcc.proposals.common.database.DatabaseWatchdog;
import cn.gov.cppcc.proposals.common.database.DatabaseWatchdogProperties;
import cn.gov.cppcc.proposals.common.database.OutageTolerantLockProviderPostProcessor;
import cn.gov.cppcc.proposals.common.database.ScheduledJobsDatabaseGate;
import cn.gov.cppcc.proposals.common.database.WatchedDataSourcePostProcessor;

/**
 * The database watchdog of every service with a database (issue 10): fast 503s while the
 * database does not answer, health DOWN and readiness OUT_OF_SERVICE, statements in
 * progress aborted, scheduled jobs paused, recovery without a restart. See
 * {@link DatabaseWatchdog}; settings under {@code platform.database.watchdog.*}
 * ({@link DatabaseWatchdogProperties}).
 * <p>
 * The post-processors and the advisor reach the watchdog through an
 * {@link ObjectProvider}, when a bean is processed or a job runs: created that early, the
 * watchdog itself would miss post-processing.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass({ HikariDataSource.class, DelegatingDataSource.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "platform.database.watchdog", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DatabaseWatchdogProperties.class)
public class PlatformDatabaseAutoConfiguration {

	@Bean
	DatabaseWatchdog databaseWatchdog(DatabaseWatchdogProperties properties) {
		return new DatabaseWatchdog(properties);
	}

	@Bean
	static WatchedDataSourcePostProcessor watchedDataSourcePostProcessor(ObjectProvider<DatabaseWatchdog> watchdog) {
		return new WatchedDataSourcePostProcessor(watchdog);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor scheduledJobsDatabaseGateAdvisor(ObjectProvider<DatabaseWatchdog> watchdog) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new ScheduledJobsDatabaseGate.ScheduledMethods(),
				new ScheduledJobsDatabaseGate(watchdog));
		// outside ShedLock's advisor: a paused job does not even try to take its lock
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

	/**
	 * Replaces Spring Boot's {@code db} indicator (which borrows a pool connection) with
	 * the watchdog's; {@code dbReadiness} is the one in the readiness group
	 * (platform-defaults.properties).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("db")
	static class DatabaseHealthConfiguration {

		@Bean
		DatabaseHealthIndicator dbHealthIndicator(DatabaseWatchdog watchdog) {
			return new DatabaseHealthIndicator(watchdog, Status.DOWN);
		}

		@Bean
		DatabaseHealthIndicator dbReadinessHealthIndicator(DatabaseWatchdog watchdog) {
			return new DatabaseHealthIndicator(watchdog, Status.OUT_OF_SERVICE);
		}

	}

	/** ShedLock's locks held when the database stopped are released when it is back. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "net.javacrumbs.shedlock.core.LockProvider")
	static class ShedLockConfiguration {

		@Bean
		static OutageTolerantLockProviderPostProcessor outageTolerantLockProviderPostProcessor(
				ObjectProvider<DatabaseWatchdog> watchdog) {
			return new OutageTolerantLockProviderPostProcessor(watchdog);
		}

	}

}
