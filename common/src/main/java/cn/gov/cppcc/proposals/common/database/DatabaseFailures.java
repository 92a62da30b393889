package cn.gov.cppcc.proposals.common.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures of the database itself (no connection, a connection that broke or timed
 * out) from failures of a statement, however they were wrapped (MyBatis, JdbcClient, a
 * transaction manager, ShedLock).
 */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/**
	 * Whether a failure comes from a database connection that could not be had, broke or
	 * timed out.
	 * @param ex the failure
	 * @return {@code true} for an unavailable database
	 */
	public static boolean isUnavailable(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException || t instanceof SQLTimeoutException
					|| t instanceof CannotCreateTransactionException
					|| t instanceof DataAccessResourceFailureException) {
				return true;
			}
			// SQLState class 08 = connection exception (e.g. HikariCP's "Connection is
			// closed" after the watchdog aborted it, a plain SQLException)
			if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a failure is the watchdog's own refusal while the database is down (already
	 * logged once by the watchdog; callers need not log it again).
	 * @param ex the failure
	 * @return {@code true} when a {@link DatabaseUnavailableException} caused it
	 */
	public static boolean isKnownOutage(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DatabaseUnavailableException) {
				return true;
			}
		}
		return false;
	}

}
