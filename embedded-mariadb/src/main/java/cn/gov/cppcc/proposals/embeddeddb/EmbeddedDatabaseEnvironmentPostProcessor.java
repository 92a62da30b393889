package cn.gov.cppcc.proposals.embeddeddb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * A service started with no database configured ({@code spring.datasource.url} empty,
 * i.e. no {@code DB_URL}) starts its own embedded MariaDB and uses a database named after
 * it. One server per JVM, so a test run with several application contexts shares it.
 *
 * <p>
 * Data stays under {@code platform.embedded-db.data-dir} when it is set (a service run
 * alone keeps its data), and in a temporary directory otherwise (tests start clean).
 */
public class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static EmbeddedMariaDb shared;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
				|| !environment.getProperty("platform.embedded-db.enabled", Boolean.class, true)
				|| environment.getProperty("spring.application.name") == null) {
			return;
		}
		String database = environment.getProperty("platform.embedded-db.database",
				environment.getProperty("spring.application.name").replace('-', '_'));
		EmbeddedMariaDb db = sharedServer(environment);
		db.createDatabase(database);
		Map<String, Object> props = new HashMap<>();
		props.put("spring.datasource.url", db.jdbcUrl(database));
		props.put("spring.datasource.username", "root");
		props.put("spring.datasource.password", "");
		props.put("platform.embedded-db.active", "true");
		environment.getPropertySources().addFirst(new MapPropertySource("embeddedMariaDb", props));
	}

	private static synchronized EmbeddedMariaDb sharedServer(ConfigurableEnvironment environment) {
		if (shared == null) {
			Path runDir = Path.of(environment.getProperty("platform.run.dir",
					System.getProperty("platform.run.dir", System.getProperty("user.dir") + "/run")));
			String dataDir = environment.getProperty("platform.embedded-db.data-dir");
			Path data;
			try {
				data = StringUtils.hasText(dataDir) ? Path.of(dataDir)
						: Files.createTempDirectory("mariadb-data-").resolve("data");
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
			shared = EmbeddedMariaDb.start(environment.getProperty("platform.embedded-db.port", Integer.class, 0),
					runDir.resolve("mariadb-base"), data);
			EmbeddedMariaDb started = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "embedded-mariadb-stop"));
		}
		return shared;
	}

	@Override
	public int getOrder() {
		// after the config data (application.yml, environment variables) has been loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}
