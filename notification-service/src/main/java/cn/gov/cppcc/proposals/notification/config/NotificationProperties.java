package cn.gov.cppcc.proposals.notification.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of this service ({@code platform.notification.*}).
 *
 * @param feedEnabled whether this instance polls proposal-service's event feed
 * @param workersEnabled whether this instance runs the delivery workers
 * @param pollInterval feed polling interval
 * @param directoryTtl how long people and contact details from department-service are
 * cached
 * @param claimDuration how long a worker owns a claimed delivery before another may take
 * it over (a crashed worker's claim expires)
 * @param batchSize deliveries claimed per round
 * @param emailBackoff waits between email attempts; attempts = size + 1, then DEAD
 * @param smsBackoff waits between SMS attempts
 * @param webhookBackoff waits between webhook attempts (over hours)
 * @param groupBackoff waits between attempts to resolve a unit's or the committee's staff
 * while department-service is unavailable
 * @param smsPerRecipientPerHour SMS per recipient and hour
 * @param smsGlobalPerHour SMS in total per hour
 * @param mailFrom sender address of emails
 * @param streamPollInterval how often the SSE streams look for new notifications
 * @param heartbeat SSE heartbeat comment interval
 */
@ConfigurationProperties("platform.notification")
public record NotificationProperties(@DefaultValue("true") boolean feedEnabled,
		@DefaultValue("true") boolean workersEnabled, @DefaultValue("300ms") Duration pollInterval,
		@DefaultValue("5m") Duration directoryTtl, @DefaultValue("2m") Duration claimDuration,
		@DefaultValue("50") int batchSize, @DefaultValue( {
				"30s", "2m", "10m", "1h", "6h" }) List<Duration> emailBackoff,
		@DefaultValue({ "30s", "2m", "10m", "1h" }) List<Duration> smsBackoff,
		@DefaultValue({ "1m", "5m", "30m", "2h", "6h", "12h" }) List<Duration> webhookBackoff,
		@DefaultValue({ "5s", "30s", "2m", "10m", "30m", "1h", "2h", "6h", "12h" }) List<Duration> groupBackoff,
		@DefaultValue("10") int smsPerRecipientPerHour, @DefaultValue("500") int smsGlobalPerHour,
		@DefaultValue("noreply@cppcc.example.gov.cn") String mailFrom,
		@DefaultValue("250ms") Duration streamPollInterval, @DefaultValue("15s") Duration heartbeat){

	public List<Duration> backoff(String channel) {
		return switch (channel) {
			case "EMAIL" -> this.emailBackoff;
			case "SMS" -> this.smsBackoff;
			case "WEBHOOK" -> this.webhookBackoff;
			default -> this.groupBackoff;
		};
	}

}
