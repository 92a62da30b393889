package cn.gov.cppcc.proposals.common.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database watchdog of every service with a database (issue 10, "the database stopped
 * for 30 seconds").
 *
 * @param enabled whether the watchdog runs (then the {@code db} and {@code dbReadiness}
 * health indicators follow it, requests fail at once while it says the database is down,
 * and scheduled jobs pause)
 * @param interval how often its own connection pings the database
 * @param timeout how long one ping may wait for an answer: a frozen server accepts TCP
 * connections but never answers, so only a timeout tells it apart from a slow one
 * @param connectTimeout how long opening its connection (TCP connect and handshake) may
 * take
 * @param failures consecutive failed pings after which the database is down (one
 * successful ping makes it up again)
 */
@ConfigurationProperties("platform.database.watchdog")
public record DatabaseWatchdogProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
		@DefaultValue("1s") Duration timeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("2") int failures) {

	public DatabaseWatchdogProperties {
		if (failures < 1) {
			throw new IllegalArgumentException("platform.database.watchdog.failures must be at least 1");
		}
		if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()
				|| connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("platform.database.watchdog durations must be positive");
		}
	}

	/** The defaults, for code that builds a watchdog without binding. */
	public static DatabaseWatchdogProperties defaults() {
		return new DatabaseWatchdogProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
				2);
	}

}
