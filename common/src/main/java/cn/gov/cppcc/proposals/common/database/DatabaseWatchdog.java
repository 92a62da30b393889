package cn.gov.cppcc.proposals.common.database;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Watches the database from a dedicated thread with its own connection (never one of the
 * pool's: the pool may be exhausted by requests that hang on a frozen server, and a busy
 * pool is not a down database). Every {@code interval} it sends a ping that may wait
 * {@code timeout}; after a failure it reconnects with {@code connectTimeout}. After
 * {@code failures} consecutive failures the database is DOWN, and one successful ping
 * makes it UP again. Listeners hear of both ({@link WatchedDataSource} aborts the
 * statements in progress and evicts the pool; ShedLock's locks left held are released).
 * It logs one WARN when the database goes down and one INFO, with the outage's length,
 * when it is back.
 */
public class DatabaseWatchdog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DatabaseWatchdog.class);

	/** How soon a failed ping is retried while the database is not yet declared down. */
	private static final long CONFIRM_PAUSE_MS = 100;

	private final DatabaseWatchdogProperties properties;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final Executor background = (task) -> {
		Thread thread = new Thread(task, "db-watchdog-worker");
		thread.setDaemon(true);
		thread.start();
	};

	private volatile ConnectionFactory connectionFactory;

	private volatile String description;

	private volatile boolean down;

	private volatile Instant downSince;

	private volatile long downSinceNanos;

	private volatile boolean running;

	private volatile Thread thread;

	private volatile Connection connection;

	private int consecutiveFailures;

	private long failedPings;

	public DatabaseWatchdog(DatabaseWatchdogProperties properties) {
		this.properties = properties;
	}

	/**
	 * Watch this database (one per watchdog).
	 * @param factory opens the watchdog's own connection
	 * @param description where the database is, for the logs (no credentials)
	 * @return {@code false} if the watchdog already watches another database
	 */
	public synchronized boolean watch(ConnectionFactory factory, String description) {
		if (this.connectionFactory != null) {
			return false;
		}
		this.connectionFactory = factory;
		this.description = description;
		return true;
	}

	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Whether the watchdog has a database to watch.
	 * @return {@code true} once {@link #watch} was called
	 */
	public boolean isWatching() {
		return this.connectionFactory != null;
	}

	/**
	 * Whether the database is down now: then nothing should wait for it.
	 * @return {@code true} between the failure that made it down and the next successful
	 * ping
	 */
	public boolean isDown() {
		return this.down;
	}

	/**
	 * Since when it is down.
	 * @return the moment it was declared down, or {@code null} while it is up
	 */
	public Instant downSince() {
		return this.down ? this.downSince : null;
	}

	public DatabaseWatchdogProperties properties() {
		return this.properties;
	}

	@Override
	public synchronized void start() {
		if (this.running || this.connectionFactory == null) {
			return;
		}
		this.running = true;
		Thread watcher = new Thread(this::run, "db-watchdog");
		watcher.setDaemon(true);
		this.thread = watcher;
		watcher.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread watcher = this.thread;
		this.thread = null;
		if (watcher != null) {
			watcher.interrupt();
		}
		discardConnection();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Early among the lifecycle beans: it watches before the web server takes requests,
	 * and still watches while the web server drains them at shutdown.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

	private void run() {
		log.debug("Watching the database at {} every {} (ping timeout {}, down after {} failures)", this.description,
				this.properties.interval(), this.properties.timeout(), this.properties.failures());
		while (this.running) {
			long started = System.nanoTime();
			Exception failure = probe();
			if (!this.running) {
				break;
			}
			long pauseMs;
			if (failure == null) {
				this.consecutiveFailures = 0;
				if (this.down) {
					markUp();
				}
				this.failedPings = 0;
				pauseMs = this.properties.interval().toMillis();
			}
			else {
				this.consecutiveFailures++;
				this.failedPings++;
				if (!this.down && this.consecutiveFailures >= this.properties.failures()) {
					markDown(failure);
				}
				pauseMs = this.down ? this.properties.interval().toMillis() : CONFIRM_PAUSE_MS;
			}
			long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			try {
				Thread.sleep(Math.max(CONFIRM_PAUSE_MS, pauseMs - elapsedMs));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		discardConnection();
	}

	/**
	 * One ping on the watchdog's own connection, opening it first if needed.
	 * @return {@code null} if the database answered in time, else why not
	 */
	Exception probe() {
		try {
			Connection current = this.connection;
			if (current == null) {
				current = this.connectionFactory.open();
				// applied now (a direct executor), to the pings only
				current.setNetworkTimeout(Runnable::run, (int) this.properties.timeout().toMillis());
				this.connection = current;
			}
			try (Statement statement = current.createStatement()) {
				// MySQL Connector/J and MariaDB answer this comment with a protocol ping
				statement.execute("/* ping */ SELECT 1");
			}
			return null;
		}
		catch (SQLException | RuntimeException ex) {
			discardConnection();
			return ex;
		}
	}

	private void discardConnection() {
		Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			try {
				// abort, not close: close may wait for a server that does not answer
				current.abort(this.background);
			}
			catch (SQLException | RuntimeException ex) {
				log.trace("Could not abort the watchdog connection", ex);
			}
		}
	}

	private void markDown(Exception failure) {
		this.downSince = Instant.now();
		this.downSinceNanos = System.nanoTime();
		this.down = true;
		log.warn(
				"Database at {} does not answer ({} pings failed in a row, last: {}): requests now fail at once"
						+ " with 503 and scheduled jobs pause until it answers again",
				this.description, this.consecutiveFailures, failure.toString().replaceAll("\\s+", " "));
		for (Listener listener : this.listeners) {
			try {
				listener.databaseDown();
			}
			catch (RuntimeException ex) {
				log.warn("Database-down listener {} failed", listener, ex);
			}
		}
	}

	private void markUp() {
		Duration outage = Duration.ofNanos(System.nanoTime() - this.downSinceNanos);
		this.down = false;
		log.info("Database at {} answers again after an outage of {} s ({} failed pings); requests are served again",
				this.description, String.format("%.1f", outage.toMillis() / 1000.0), this.failedPings);
		for (Listener listener : this.listeners) {
			// off the watchdog thread: a listener that uses the database must never delay
			// the next ping
			this.background.execute(() -> {
				try {
					listener.databaseUp(outage);
				}
				catch (RuntimeException ex) {
					log.warn("Database-up listener {} failed", listener, ex);
				}
			});
		}
	}

	/**
	 * Opens a JDBC connection for the watchdog from a URL, credentials and the pool's
	 * driver properties, with the watchdog's connect timeout applied to the TCP connect
	 * and the handshake (MySQL Connector/J and MariaDB's {@code connectTimeout} and
	 * {@code socketTimeout}).
	 * @param url the JDBC URL
	 * @param driverClassName the driver class, or {@code null} to ask
	 * {@link DriverManager}
	 * @param username the user
	 * @param password the password
	 * @param driverProperties the pool's driver properties (copied)
	 * @param connectTimeout the connect timeout
	 * @return the factory
	 */
	public static ConnectionFactory jdbc(String url, String driverClassName, String username, String password,
			Properties driverProperties, Duration connectTimeout) {
		Properties properties = new Properties();
		if (driverProperties != null) {
			properties.putAll(driverProperties);
		}
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
			String millis = String.valueOf(connectTimeout.toMillis());
			properties.setProperty("connectTimeout", millis);
			properties.setProperty("socketTimeout", millis);
		}
		return () -> {
			Driver driver = driver(url, driverClassName);
			Connection connection = driver.connect(url, properties);
			if (connection == null) {
				throw new SQLException("No driver accepts " + url);
			}
			return connection;
		};
	}

	private static Driver driver(String url, String driverClassName) throws SQLException {
		if (StringUtils.hasText(driverClassName)) {
			try {
				Class<?> type = ClassUtils.forName(driverClassName, DatabaseWatchdog.class.getClassLoader());
				return (Driver) type.getDeclaredConstructor().newInstance();
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				throw new SQLException("Cannot load JDBC driver " + driverClassName, ex);
			}
		}
		return DriverManager.getDriver(url);
	}

	/**
	 * A JDBC URL without its query (where the credentials of some drivers are).
	 * @param url the URL
	 * @return the URL up to its first {@code ?} or {@code ;}
	 */
	public static String describe(String url) {
		if (url == null) {
			return "?";
		}
		int end = url.length();
		for (char c : new char[] { '?', ';' }) {
			int at = url.indexOf(c);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		return url.substring(0, end);
	}

	/** Opens the watchdog's own connection. */
	@FunctionalInterface
	public interface ConnectionFactory {

		Connection open() throws SQLException;

	}

	/** Hears when the database goes down and when it is back. */
	public interface Listener {

		/** Called on the watchdog thread right after the database is declared down. */
		default void databaseDown() {
		}

		/**
		 * Called on a worker thread once the database answers again.
		 * @param outage how long it was down
		 */
		default void databaseUp(Duration outage) {
		}

	}

}
