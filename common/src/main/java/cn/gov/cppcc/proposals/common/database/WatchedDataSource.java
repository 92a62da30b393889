package cn.gov.cppcc.proposals.common.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource (the HikariCP pool), as seen through the
 * {@link DatabaseWatchdog}:
 * <ul>
 * <li>while the database is down, {@link #getConnection()} fails at once with
 * {@link DatabaseUnavailableException} instead of waiting for the pool;</li>
 * <li>it knows which connections are checked out, and when the database goes down it
 * evicts the pool (so no connection the pool still trusts is handed out later) and aborts
 * the checked-out connections, so that a statement waiting for a frozen server fails now
 * instead of after the 15 s socket timeout. The server rolls back the aborted
 * transactions when it sees the connection gone; the client got an error, so nothing
 * acknowledged is lost.</li>
 * </ul>
 * A {@link DelegatingDataSource}: Spring Boot's DataSource unwrapping, and with it the
 * Hikari metrics and pool metadata, still reach the pool.
 */
public class WatchedDataSource extends DelegatingDataSource implements DatabaseWatchdog.Listener {

	private static final Logger log = LoggerFactory.getLogger(WatchedDataSource.class);

	private final HikariDataSource pool;

	private final DatabaseWatchdog watchdog;

	private final Set<Tracked> checkedOut = ConcurrentHashMap.newKeySet();

	private final Executor aborter = (task) -> {
		Thread thread = new Thread(task, "db-watchdog-abort");
		thread.setDaemon(true);
		thread.start();
	};

	public WatchedDataSource(HikariDataSource pool, DatabaseWatchdog watchdog) {
		super(pool);
		this.pool = pool;
		this.watchdog = watchdog;
	}

	@Override
	public Connection getConnection() throws SQLException {
		refuseWhileDown();
		return track(this.pool.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		refuseWhileDown();
		return track(this.pool.getConnection(username, password));
	}

	/**
	 * How many connections are checked out now (through this DataSource).
	 * @return the number of connections not yet closed by their users
	 */
	public int checkedOut() {
		return this.checkedOut.size();
	}

	private void refuseWhileDown() throws DatabaseUnavailableException {
		if (this.watchdog.isDown()) {
			Instant since = this.watchdog.downSince();
			long seconds = (since != null) ? Duration.between(since, Instant.now()).toSeconds() : 0;
			throw new DatabaseUnavailableException("The database has not answered for " + seconds
					+ " s (database watchdog): no connection handed out");
		}
	}

	private Connection track(Connection connection) throws SQLException {
		Tracked tracked = new Tracked(connection);
		this.checkedOut.add(tracked);
		// declared down while the pool handed it out: the watchdog's abort may have run
		// before it was tracked, so it would wait for the socket timeout
		if (this.watchdog.isDown()) {
			this.checkedOut.remove(tracked);
			try {
				connection.close();
			}
			catch (SQLException ex) {
				log.trace("Could not return a connection while the database is down", ex);
			}
			refuseWhileDown();
		}
		return tracked.proxy;
	}

	@Override
	public void databaseDown() {
		// evict first: an aborted connection that comes back to the pool is then closed,
		// never handed out again
		HikariPoolMXBean mxBean = this.pool.isRunning() ? this.pool.getHikariPoolMXBean() : null;
		if (mxBean != null) {
			mxBean.softEvictConnections();
		}
		int aborted = 0;
		for (Tracked tracked : this.checkedOut) {
			if (tracked.abort()) {
				aborted++;
			}
		}
		log.info("Pool evicted and {} checked-out connection(s) aborted: their statements fail now, their transactions"
				+ " are rolled back by the server", aborted);
	}

	/**
	 * While the database is down, a failure on a pool connection does not make HikariCP
	 * log "marked as broken" with a stack trace for each one the watchdog aborted: they
	 * were all evicted from the pool when it went down, and are closed when their users
	 * give them back. Installed only when the pool has no override of its own.
	 */
	public static final class AbortedConnectionFailures implements SQLExceptionOverride {

		private final DatabaseWatchdog watchdog;

		public AbortedConnectionFailures(DatabaseWatchdog watchdog) {
			this.watchdog = watchdog;
		}

		// java.lang's: SQLExceptionOverride.Override, an enum, shadows it here
		@java.lang.Override
		public SQLExceptionOverride.Override adjudicate(SQLException ex) {
			return this.watchdog.isDown() ? SQLExceptionOverride.Override.DO_NOT_EVICT
					: SQLExceptionOverride.Override.CONTINUE_EVICT;
		}

	}

	/**
	 * A checked-out connection: knows when its user closes it, and can be aborted.
	 */
	private final class Tracked implements InvocationHandler {

		private final Connection target;

		private final Connection proxy;

		private volatile boolean aborted;

		Tracked(Connection target) {
			this.target = target;
			this.proxy = (Connection) Proxy.newProxyInstance(WatchedDataSource.class.getClassLoader(),
					new Class<?>[] { Connection.class }, this);
		}

		boolean abort() {
			this.aborted = true;
			try {
				// the driver's own connection under the pool's proxy: abort closes its
				// socket, and a thread blocked reading from it fails at once
				Connection physical = this.target.unwrap(Connection.class);
				physical.abort(WatchedDataSource.this.aborter);
				return true;
			}
			catch (SQLException | RuntimeException ex) {
				log.debug("Could not abort a checked-out connection: {}", ex.toString());
				return false;
			}
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			switch (method.getName()) {
				case "equals":
					return proxy == args[0];
				case "hashCode":
					return System.identityHashCode(proxy);
				case "toString":
					return "Watched[" + this.target + "]";
				case "unwrap":
					if (((Class<?>) args[0]).isInstance(proxy)) {
						return proxy;
					}
					break;
				case "isWrapperFor":
					if (((Class<?>) args[0]).isInstance(proxy)) {
						return true;
					}
					break;
				case "close":
					WatchedDataSource.this.checkedOut.remove(this);
					break;
				case "rollback":
					if (this.aborted && (args == null || args.length == 0)) {
						// the connection is gone, and with it the transaction: the server
						// rolls it back. Failing here would replace the statement's own
						// failure (a DataAccessException, 503) with a
						// TransactionSystemException
						log.debug("Rollback of an aborted connection skipped: the server rolls the transaction back");
						return null;
					}
					break;
				default:
					break;
			}
			try {
				return method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
