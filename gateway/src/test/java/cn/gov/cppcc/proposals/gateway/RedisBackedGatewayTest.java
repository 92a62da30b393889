package cn.gov.cppcc.proposals.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.gov.cppcc.proposals.gateway.ratelimit.RateLimiter;
import cn.gov.cppcc.proposals.gateway.ratelimit.RedisRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code REDIS_URL} set the gateway keeps its buckets in Redis (this machine's, at
 * 127.0.0.1:6379; skipped only when nothing listens there).
 */
@EnabledIf("redisListening")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "REDIS_URL=redis://127.0.0.1:6379", "platform.gateway.rate-limit.login.capacity=2" })
class RedisBackedGatewayTest {

	static final StubService department = stub();

	static StubService stub() {
		try {
			return new StubService().on("/api/v1/auth/login", (exchange) -> "{}");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean redisListening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.department-service[0].uri", department::uri);
		// a fresh key space per run, so that runs within a minute do not share buckets
		registry.add("platform.gateway.rate-limit.redis-prefix", () -> "gateway-test:" + UUID.randomUUID() + ":");
	}

	@AfterAll
	static void stop() {
		department.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	RateLimiter rateLimiter;

	@Test
	void loginBurstLimitedThroughRedis() {
		assertThat(this.rateLimiter).isInstanceOf(RedisRateLimiter.class);
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		int passed = 0;
		int refused = 0;
		for (int i = 0; i < 4; i++) {
			var result = client.post()
				.uri("/api/v1/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"username\":\"a\",\"password\":\"b\"}")
				.exchange()
				.returnResult(String.class);
			if (result.getStatus().value() == 200) {
				passed++;
			}
			else {
				assertThat(result.getStatus().value()).isEqualTo(429);
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
				refused++;
			}
		}
		assertThat(passed).isEqualTo(2);
		assertThat(refused).isEqualTo(2);
		assertThat(department.count("/api/v1/auth/login")).isEqualTo(2);
	}

}
