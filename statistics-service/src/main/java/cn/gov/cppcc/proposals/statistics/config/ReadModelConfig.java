package cn.gov.cppcc.proposals.statistics.config;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.gov.cppcc.proposals.statistics.fact.Projector;

/**
 * The projector (in the platform's zone) and ShedLock over the {@code shedlock} table, so
 * that one instance at a time reads the feed.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class ReadModelConfig {

	@Bean
	Projector projector(StatisticsProperties properties) {
		return new Projector(properties.zone());
	}

}
