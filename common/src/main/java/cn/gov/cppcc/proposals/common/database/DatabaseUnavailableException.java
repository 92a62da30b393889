package cn.gov.cppcc.proposals.common.database;

import java.sql.SQLTransientConnectionException;

/**
 * Thrown instead of waiting for a connection while the {@link DatabaseWatchdog} says the
 * database does not answer: the request fails at once (503 {@code dependency-unavailable}
 * through {@code PlatformExceptionHandler}) instead of hanging on a pool that still
 * trusts its connections. SQLState 08001 (cannot establish a connection).
 */
public class DatabaseUnavailableException extends SQLTransientConnectionException {

	public DatabaseUnavailableException(String reason) {
		super(reason, "08001");
	}

}
