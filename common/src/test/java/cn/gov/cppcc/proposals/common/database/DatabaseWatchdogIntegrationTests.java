package cn.gov.cppcc.proposals.common.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.common.config.PlatformDatabaseAutoConfiguration;
import cn.gov.cppcc.proposals.embeddeddb.EmbeddedMariaDb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database watchdog against a real MariaDB (the embedded-mariadb module) behind a TCP
 * proxy that freezes like a SIGSTOPped server (accepts connections, answers nothing),
 * with the platform's own pool settings (platform-defaults.properties: 15 s socket
 * timeout, 5 s connection timeout) and the real Spring Boot auto-configuration.
 */
class DatabaseWatchdogIntegrationTests {

	private static final String DATABASE = "watchdog_test";

	private static EmbeddedMariaDb mariaDb;

	/**
	 * One thread per waiting statement (the common pool may run them one after another).
	 */
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeAll
	static void startMariaDb() throws Exception {
		Path runDir = Path.of(System.getProperty("platform.run.dir", "../run"));
		Path data = Files.createTempDirectory("watchdog-test-").resolve("data");
		mariaDb = EmbeddedMariaDb.start(0, runDir.resolve("mariadb-base"), data);
		mariaDb.createDatabase(DATABASE);
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@AfterAll
	static void stopMariaDb() {
		if (mariaDb != null) {
			mariaDb.stop();
		}
	}

	private ApplicationContextRunner runner(FreezableTcpProxy proxy) {
		return new ApplicationContextRunner().withInitializer((context) -> {
			try {
				// the platform's shared settings, as every service has them
				new PropertiesPropertySourceLoader()
					.load("platformDefaults", new ClassPathResource("platform-defaults.properties"))
					.forEach(context.getEnvironment().getPropertySources()::addLast);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		})
			.withPropertyValues("spring.application.name=watchdog-test",
					"spring.datasource.url=" + EmbeddedMariaDb.jdbcUrl(proxy.port(), DATABASE),
					"spring.datasource.username=root", "spring.datasource.password=",
					"spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.minimum-idle=1")
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, AopAutoConfiguration.class,
					ApplicationAvailabilityAutoConfiguration.class, HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
					AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
					DataSourceHealthContributorAutoConfiguration.class, PlatformDatabaseAutoConfiguration.class))
			.withUserConfiguration(Jobs.class);
	}

	@Test
	void frozenDatabaseFailsFastAbortsWhatWaitsAndRecoversWithoutRestart() throws Exception {
		try (FreezableTcpProxy proxy = new FreezableTcpProxy(mariaDb.port())) {
			runner(proxy).run((context) -> {
				assertThat(context).hasNotFailed();
				// what SpringApplication publishes once the application is started
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				DataSource dataSource = context.getBean(DataSource.class);
				DatabaseWatchdog watchdog = context.getBean(DatabaseWatchdog.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate tx = context.getBean(TransactionTemplate.class);
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				CountingJob job = context.getBean(CountingJob.class);

				// the pool is still reachable for Boot's metrics and metadata
				assertThat(dataSource).isInstanceOf(WatchedDataSource.class);
				assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class))
					.isNotNull();
				// the watchdog's indicators replace Boot's pool-borrowing one
				assertThat(context).doesNotHaveBean(DataSourceHealthIndicator.class);
				assertThat(context.getBean("dbHealthIndicator")).isInstanceOf(DatabaseHealthIndicator.class);

				jdbc.execute("CREATE TABLE IF NOT EXISTS note (id INT PRIMARY KEY, text VARCHAR(50))");
				jdbc.update("DELETE FROM note");
				assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				await(() -> !watchdog.isDown() && watchdog.isRunning(), Duration.ofSeconds(5));
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
				job.run();
				assertThat(job.runs()).isEqualTo(1);

				// two statements waiting for the server when it freezes: one in a
				// transaction that already wrote, one alone
				CompletableFuture<Failure> inTransaction = CompletableFuture
					.supplyAsync(() -> failureOf(() -> tx.executeWithoutResult((status) -> {
						jdbc.update("INSERT INTO note VALUES (1, 'uncommitted')");
						jdbc.queryForObject("SELECT SLEEP(30)", Integer.class);
					})), this.threads);
				CompletableFuture<Failure> alone = CompletableFuture.supplyAsync(
						() -> failureOf(() -> jdbc.queryForObject("SELECT SLEEP(30)", Integer.class)), this.threads);
				await(() -> ((WatchedDataSource) dataSource).checkedOut() == 2, Duration.ofSeconds(5));
				Thread.sleep(300);

				long frozenAt = System.nanoTime();
				proxy.freeze();
				await(watchdog::isDown, Duration.ofSeconds(8));
				long detectedMs = msSince(frozenAt);

				// aborted when the watchdog declared it down, not after the 15 s socket
				// timeout; a DataAccessException (503), not a TransactionSystemException
				// from the rollback of a dead connection (500)
				Failure txFailure = inTransaction.get(10, TimeUnit.SECONDS);
				Failure aloneFailure = alone.get(10, TimeUnit.SECONDS);
				System.out.printf("watchdog figures: down %d ms after the freeze; waiting statements failed after %d"
						+ " and %d ms%n", detectedMs, txFailure.waitedMs(), aloneFailure.waitedMs());
				for (Failure failure : List.of(txFailure, aloneFailure)) {
					assertThat(failure.error()).isInstanceOf(DataAccessException.class)
						.isNotInstanceOf(TransactionSystemException.class);
					assertThat(DatabaseFailures.isUnavailable(failure.error())).as(failure.error().toString()).isTrue();
					assertThat(failure.waitedMs())
						.as("statement waited until it was aborted (watchdog detected in %d ms)", detectedMs)
						.isLessThan(detectedMs + 3000)
						.isLessThan(10_000);
				}

				// while down: no waiting for a connection, a transaction or a statement
				long t0 = System.nanoTime();
				assertThatThrownBy(dataSource::getConnection).isInstanceOf(DatabaseUnavailableException.class);
				assertThatThrownBy(() -> jdbc.queryForObject("SELECT 1", Integer.class))
					.isInstanceOf(CannotGetJdbcConnectionException.class)
					.satisfies((ex) -> assertThat(DatabaseFailures.isKnownOutage(ex)).isTrue());
				assertThatThrownBy(() -> tx.executeWithoutResult((status) -> jdbc.update("DELETE FROM note")))
					.isInstanceOf(CannotCreateTransactionException.class);
				assertThat(msSince(t0)).isLessThan(500);
				assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
				// scheduled jobs pause
				job.run();
				assertThat(job.runs()).isEqualTo(1);
				Thread.sleep(2000);
				assertThat(watchdog.isDown()).isTrue();

				// back: no restart, the pool makes new connections
				proxy.thaw();
				await(() -> !watchdog.isDown(), Duration.ofSeconds(10));
				assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
				job.run();
				assertThat(job.runs()).isEqualTo(2);
				// the aborted transaction was rolled back: its write is not there
				await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM note", Integer.class) == 0,
						Duration.ofSeconds(40));
				tx.executeWithoutResult((status) -> jdbc.update("INSERT INTO note VALUES (2, 'after')"));
				assertThat(jdbc.queryForObject("SELECT text FROM note WHERE id = 2", String.class)).isEqualTo("after");
			});
		}
	}

	@Test
	void aBusyPoolIsNotADownDatabase() throws Exception {
		try (FreezableTcpProxy proxy = new FreezableTcpProxy(mariaDb.port())) {
			runner(proxy).withPropertyValues("spring.datasource.hikari.connection-timeout=1000").run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource dataSource = context.getBean(DataSource.class);
				DatabaseWatchdog watchdog = context.getBean(DatabaseWatchdog.class);
				List<Connection> held = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					held.add(dataSource.getConnection());
				}
				List<CompletableFuture<Void>> busy = new ArrayList<>();
				for (Connection connection : held) {
					busy.add(CompletableFuture.runAsync(() -> {
						try (var statement = connection.createStatement()) {
							statement.execute("SELECT SLEEP(4)");
						}
						catch (java.sql.SQLException ex) {
							throw new IllegalStateException(ex);
						}
					}, this.threads));
				}
				// the pool is exhausted for 4 s: requests wait for it and time out as
				// before, but the database answers the watchdog's own connection
				assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLTransientConnectionException.class)
					.isNotInstanceOf(DatabaseUnavailableException.class);
				for (int i = 0; i < 8; i++) {
					assertThat(watchdog.isDown()).isFalse();
					Thread.sleep(500);
				}
				CompletableFuture.allOf(busy.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
				for (Connection connection : held) {
					connection.close();
				}
				assertThat(((WatchedDataSource) dataSource).checkedOut()).isZero();
			});
		}
	}

	@Test
	void aLockHeldWhenTheDatabaseStoppedIsReleasedWhenItIsBack() throws Exception {
		try (FreezableTcpProxy proxy = new FreezableTcpProxy(mariaDb.port())) {
			runner(proxy).withUserConfiguration(Locks.class).run((context) -> {
				assertThat(context).hasNotFailed();
				DatabaseWatchdog watchdog = context.getBean(DatabaseWatchdog.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				LockProvider locks = context.getBean(LockProvider.class);
				assertThat(locks).isInstanceOf(OutageTolerantLockProvider.class);
				jdbc.execute("CREATE TABLE IF NOT EXISTS shedlock (name VARCHAR(64) NOT NULL PRIMARY KEY,"
						+ " lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL,"
						+ " locked_by VARCHAR(255) NOT NULL)");
				LockConfiguration configuration = new LockConfiguration(Instant.now(), "relay", Duration.ofMinutes(5),
						Duration.ZERO);
				Optional<SimpleLock> lock = locks.lock(configuration);
				assertThat(lock).isPresent();

				proxy.freeze();
				await(watchdog::isDown, Duration.ofSeconds(8));
				// the release fails (no connection while down) and is kept for later
				lock.get().unlock();
				assertThat(((OutageTolerantLockProvider) locks).unreleased()).isEqualTo(1);
				assertThat(locks.lock(configuration)).as("not taken again while down").isEmpty();

				proxy.thaw();
				await(() -> ((OutageTolerantLockProvider) locks).unreleased() == 0, Duration.ofSeconds(10));
				// released: the next run takes it at once instead of after lockAtMostFor
				Optional<SimpleLock> again = locks
					.lock(new LockConfiguration(Instant.now(), "relay", Duration.ofMinutes(5), Duration.ZERO));
				assertThat(again).isPresent();
				again.get().unlock();
			});
		}
	}

	private static Failure failureOf(Runnable work) {
		Instant started = Instant.now();
		try {
			work.run();
			return new Failure(started, Instant.now(), null);
		}
		catch (RuntimeException ex) {
			return new Failure(started, Instant.now(), ex);
		}
	}

	private static long msSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + timeout);
			}
			Thread.sleep(50);
		}
	}

	record Failure(Instant startedAt, Instant failedAt, RuntimeException error) {

		long waitedMs() {
			return Duration.between(this.startedAt, this.failedAt).toMillis();
		}

	}

	/** A scheduled job that uses the database. */
	static class CountingJob {

		private final AtomicInteger runs = new AtomicInteger();

		private final JdbcTemplate jdbc;

		CountingJob(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Scheduled(fixedDelay = 60_000, initialDelay = 600_000)
		public void run() {
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			this.runs.incrementAndGet();
		}

		/** Through the proxy (the gate is an advisor): a field would be the proxy's. */
		public int runs() {
			return this.runs.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Jobs {

		@Bean
		CountingJob countingJob(JdbcTemplate jdbc) {
			return new CountingJob(jdbc);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Locks {

		@Bean
		LockProvider lockProvider(DataSource dataSource) {
			return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.usingDbTime()
				.build());
		}

	}

}
