package cn.gov.cppcc.proposals.embeddeddb;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The shared database of the local run:
 * {@code java -jar embedded-mariadb-exec.jar <port> <runDir> <db>...}. Keeps its data in
 * {@code <runDir>/data/mariadb}, creates each service's database and runs until it is
 * stopped (SIGTERM stops mysqld too).
 */
public final class EmbeddedMariaDbServer {

	private EmbeddedMariaDbServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length < 2) {
			System.err.println("usage: EmbeddedMariaDbServer <port> <runDir> [database...]");
			System.exit(2);
		}
		int port = Integer.parseInt(args[0]);
		Path runDir = Path.of(args[1]).toAbsolutePath();
		List<String> databases = Arrays.asList(args).subList(2, args.length);
		EmbeddedMariaDb db = EmbeddedMariaDb.start(port, runDir.resolve("mariadb-base"),
				runDir.resolve("data/mariadb"));
		Runtime.getRuntime().addShutdownHook(new Thread(db::stop, "embedded-mariadb-stop"));
		databases.forEach(db::createDatabase);
		System.out.println("Embedded MariaDB ready on 127.0.0.1:" + db.port() + " databases " + databases);
		Thread.currentThread().join();
	}

}
