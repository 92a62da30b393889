package cn.gov.cppcc.proposals.department.config;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Configuration;

/**
 * Scheduled jobs run once across all instances: ShedLock on the {@code shedlock} table
 * (V1), with the lock from {@code common} (ClusterLocks: the database's clock, kept alive
 * while a job runs, released by a restarted instance).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class SchedulingConfig {

}
