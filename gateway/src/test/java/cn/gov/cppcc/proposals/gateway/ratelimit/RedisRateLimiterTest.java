package cn.gov.cppcc.proposals.gateway.ratelimit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties.Budget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared token buckets against this machine's Redis (127.0.0.1:6379): two limiters
 * (two gateway instances) share one budget. Skipped only when nothing listens there.
 */
@EnabledIf("redisListening")
class RedisRateLimiterTest {

	static LettuceConnectionFactory connections;

	static boolean redisListening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connections.afterPropertiesSet();
		connections.start();
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void twoInstancesShareOneBudget() {
		ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(connections);
		String prefix = "gateway-test:" + UUID.randomUUID() + ":";
		RateLimiter failing = (key, budget) -> {
			throw new AssertionError("fell back although Redis is up");
		};
		RedisRateLimiter first = new RedisRateLimiter(template, failing, prefix, Duration.ofSeconds(2));
		RedisRateLimiter second = new RedisRateLimiter(template, failing, prefix, Duration.ofSeconds(2));
		Budget budget = new Budget(3, Duration.ofMinutes(1));
		int allowed = 0;
		RateLimiter.Decision refused = null;
		for (int i = 0; i < 6; i++) {
			RateLimiter.Decision decision = ((i % 2 == 0) ? first : second).consume("login:10.0.0.1", budget).block();
			if (decision.allowed()) {
				allowed++;
			}
			else {
				refused = decision;
			}
		}
		assertThat(allowed).isEqualTo(3);
		assertThat(refused.retryAfter()).isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(Duration.ofSeconds(20));
		// another client has its own bucket
		assertThat(first.consume("login:10.0.0.2", budget).block().allowed()).isTrue();
		// the keys expire by themselves
		Long ttl = template.getExpire(prefix + "login:10.0.0.1").map(Duration::toMillis).block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(61_000L);
		template.delete(prefix + "login:10.0.0.1", prefix + "login:10.0.0.2").block();
	}

	@Test
	void fallsBackToLocalBucketsWhenRedisDoesNotAnswer() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			InMemoryRateLimiter local = new InMemoryRateLimiter(100);
			RedisRateLimiter limiter = new RedisRateLimiter(new ReactiveStringRedisTemplate(nowhere), local, "x:",
					Duration.ofMillis(300));
			Budget budget = new Budget(1, Duration.ofMinutes(1));
			assertThat(limiter.consume("k", budget).block().allowed()).isTrue();
			assertThat(limiter.consume("k", budget).block().allowed()).isFalse();
		}
		finally {
			nowhere.destroy();
		}
	}

}
