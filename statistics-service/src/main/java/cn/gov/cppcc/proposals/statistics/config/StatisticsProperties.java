package cn.gov.cppcc.proposals.statistics.config;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the statistics service ({@code platform.statistics.*}).
 *
 * @param zone the zone whose calendar dates the statistics count in (days, months)
 * @param minimumForRanking a unit needs at least this many proposals to reply to before
 * its rates and rank are shown (DOMAIN.md: rankings need a minimum number of proposals)
 * @param feed the event feed consumer
 * @param unitNamesTtl how long unit names from department-service are cached
 */
@ConfigurationProperties("platform.statistics")
public record StatisticsProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("5") int minimumForRanking,
		@DefaultValue Feed feed, @DefaultValue("10m") Duration unitNamesTtl) {

	/**
	 * @param enabled whether the live poller runs
	 * @param pageSize events asked per call (the feed answers at most this many)
	 * @param backoffMax longest pause after repeated failures of proposal-service
	 */
	public record Feed(@DefaultValue("true") boolean enabled, @DefaultValue("500") int pageSize,
			@DefaultValue("30s") Duration backoffMax) {
	}

}
