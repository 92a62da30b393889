package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2 through the real run command: everything comes up, the demo record is served
 * through the gateway, every service answers bad input with problem+json, nothing listens
 * beyond loopback, and Nacos is never contacted.
 */
class FoundationIT {

	static Platform platform;

	@BeforeAll
	static void start() {
		platform = Platform.get();
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "department-service", "proposal-service", "statistics-service",
			"notification-service" })
	void everyApplicationIsReadyAndLiveWithInfoAndMetrics(String app) {
		String base = "http://127.0.0.1:" + Platform.port(app);
		assertThat(
				platform.sendTo(base, "GET", "/actuator/health/readiness", null, null).json().get("status").asString())
			.isEqualTo("UP");
		assertThat(platform.sendTo(base, "GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);
		assertThat(platform.sendTo(base, "GET", "/actuator/info", null, null).status()).isEqualTo(200);
		Response metrics = platform.sendTo(base, "GET", "/actuator/prometheus", null, null, "Accept", "text/plain");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void theDemoReplyToProposal0768IsPublishedThroughTheGateway() {
		Response replies = platform.get("/api/v1/public/replies", null);
		assertThat(replies.status()).isEqualTo(200);
		JsonNode items = replies.json().get("items");
		assertThat(items.isArray()).isTrue();
		assertThat(replies.body()).contains("0768").contains("智慧江苏");
		String id = items.get(0).get("id").asString();
		Response one = platform.get("/api/v1/public/replies/" + id, null);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.body()).contains("省工业和信息化厅");
	}

	@ParameterizedTest
	@ValueSource(strings = { "department-service", "proposal-service", "statistics-service", "notification-service" })
	void everyServiceAnswersABadBodyWithProblemJsonDirectly(String app) {
		String base = "http://127.0.0.1:" + Platform.port(app);
		String token = platform.token("admin");
		Response answer = platform.sendTo(base, "POST", "/api/v1/does-not-exist", token, "{bad json");
		assertThat(answer.isProblem()).as(answer.toString()).isTrue();
		assertThat(answer.status()).isBetween(400, 499);
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
	}

	@Test
	void malformedJsonThroughTheGatewayIsA400Problem() {
		Response answer = platform.post("/api/v1/proposals", "member1", "{\"title\": ");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.json().get("code").asString()).isEqualTo("malformed-request");
		assertThat(answer.json().get("title").asString()).isEqualTo("请求格式错误");
	}

	@Test
	void unknownPathsAreProblemJson() {
		Response answer = platform.get("/api/v1/nothing-here", "admin");
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.isProblem()).isTrue();
	}

	@Test
	void nacosIsNeverContactedInTheEmbeddedMode() {
		assertThat(platform.nacosTrapsActive()).as("ports 8848 and 9848 were free to watch").isTrue();
		// the services have been up for a while (readiness waited for all of them) and
		// their clients would retry
		// every second if they were enabled
		platform.get("/api/v1/public/replies", null);
		assertThat(platform.nacosConnections.get()).isZero();
	}

	@Test
	void nothingListensBeyondLoopback() throws IOException {
		Set<String> inodes = new HashSet<>();
		for (String app : List.of("embedded-mariadb", "gateway", "department-service", "proposal-service",
				"statistics-service", "notification-service")) {
			long pid = platform.pid(app);
			inodes.addAll(socketInodes(pid));
			// the embedded MariaDB runs mysqld as a child process
			for (long child : children(pid)) {
				inodes.addAll(socketInodes(child));
				for (long grandChild : children(child)) {
					inodes.addAll(socketInodes(grandChild));
				}
			}
		}
		List<String> exposed = new ArrayList<>();
		int listening = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			// read once: the table changes between two reads while connections come and
			// go
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
				String[] f = line.trim().split("\\s+");
				if (!"0A".equals(f[3]) || !inodes.contains(f[9])) {
					continue;
				}
				listening++;
				String address = f[1].substring(0, f[1].indexOf(':'));
				boolean loopback = address.equals("0100007F") || address.equals("00000000000000000000000001000000")
						|| address.equals("0000000000000000FFFF00000100007F");
				if (!loopback) {
					exposed.add(f[1]);
				}
			}
		}
		assertThat(listening).as("listening sockets of the platform's processes").isGreaterThanOrEqualTo(6);
		assertThat(exposed).as("sockets listening beyond 127.0.0.1").isEmpty();
	}

	private static Set<String> socketInodes(long pid) throws IOException {
		Set<String> inodes = new HashSet<>();
		Path fds = Path.of("/proc/" + pid + "/fd");
		if (!Files.isDirectory(fds)) {
			return inodes;
		}
		try (Stream<Path> list = Files.list(fds)) {
			for (Path fd : list.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		return inodes;
	}

	private static List<Long> children(long pid) {
		return ProcessHandle.of(pid).map((p) -> p.children().map(ProcessHandle::pid).toList()).orElse(List.of());
	}

}
