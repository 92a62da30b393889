package cn.gov.cppcc.proposals.common.database;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The database's health as the {@link DatabaseWatchdog} last saw it: answers at once,
 * never borrows a pool connection (Spring Boot's {@code db} indicator did, and either
 * waited for a pool exhausted by hung requests or validated a connection the pool still
 * trusted).
 * <p>
 * Two of them: {@code db} is DOWN while the database is down ({@code /actuator/health}
 * 503 DOWN); {@code dbReadiness}, the one in the readiness group, is OUT_OF_SERVICE
 * ({@code /actuator/health/readiness} 503 OUT_OF_SERVICE: the instance takes no traffic,
 * it is not broken). Liveness never includes them: restarting does not bring a database
 * back.
 */
public class DatabaseHealthIndicator implements HealthIndicator {

	private final DatabaseWatchdog watchdog;

	private final Status whenDown;

	public DatabaseHealthIndicator(DatabaseWatchdog watchdog, Status whenDown) {
		this.watchdog = watchdog;
		this.whenDown = whenDown;
	}

	@Override
	public Health health() {
		if (!this.watchdog.isWatching()) {
			return Health.unknown().build();
		}
		Instant since = this.watchdog.downSince();
		if (since != null) {
			return Health.status(this.whenDown).withDetail("downSince", since.toString()).build();
		}
		return Health.up().build();
	}

}
