package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command itself: a second start while running says so, stopping leaves no
 * process of the platform behind, and a restart keeps the data. Runs last (failsafe runs
 * the classes in alphabetical order).
 */
class RunCommandIT {

	static Platform platform;

	@BeforeAll
	static void start() {
		platform = Platform.get();
	}

	@Test
	void stopLeavesNothingBehindAndARestartKeepsTheData() throws Exception {
		Response created = platform.post("/api/v1/proposals", "member3",
				Map.of("title", "关于重启后数据仍在的测试提案", "content", "内容", "category", "其他", "suggestions", List.of("建议一")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("id").asString();

		assertThat(platform.run("--detach")).as("a second start while running").isEqualTo(3);

		List<Long> pids = new ArrayList<>();
		for (String app : List.of("embedded-mariadb", "gateway", "department-service", "proposal-service",
				"statistics-service", "notification-service")) {
			long pid = platform.pid(app);
			pids.add(pid);
			ProcessHandle.of(pid).ifPresent((p) -> p.descendants().forEach((d) -> pids.add(d.pid())));
		}
		assertThat(platform.run("stop")).isZero();
		for (long pid : pids) {
			assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
		}
		for (String app : List.of("gateway", "department-service", "proposal-service", "statistics-service",
				"notification-service")) {
			assertThat(listening(Platform.port(app))).as(app + " port after stop").isFalse();
		}

		assertThat(platform.run("--detach")).isZero();
		Response again = platform.get("/api/v1/proposals/" + id, "member3");
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.body()).contains("重启后数据仍在");
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
