package cn.gov.cppcc.proposals.notification.config;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Configuration;

/**
 * ShedLock on the database: the feed consumer runs on one instance at a time (the lock
 * itself comes from {@code common}'s ClusterLocks).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
class SchedulingConfig {

}
