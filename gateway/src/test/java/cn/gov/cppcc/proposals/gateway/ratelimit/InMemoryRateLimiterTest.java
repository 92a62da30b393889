package cn.gov.cppcc.proposals.gateway.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties.Budget;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRateLimiterTest {

	@Test
	void burstThenRefusedWithRetryAfterThenRefilled() throws InterruptedException {
		InMemoryRateLimiter limiter = new InMemoryRateLimiter(100);
		Budget budget = new Budget(2, Duration.ofMillis(200));
		assertThat(limiter.consumeNow("a", budget).allowed()).isTrue();
		assertThat(limiter.consumeNow("a", budget).allowed()).isTrue();
		RateLimiter.Decision refused = limiter.consumeNow("a", budget);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(Duration.ofMillis(100));
		assertThat(limiter.consumeNow("b", budget).allowed()).isTrue();
		Thread.sleep(120);
		assertThat(limiter.consumeNow("a", budget).allowed()).isTrue();
	}

	@Test
	void memoryIsBounded() {
		InMemoryRateLimiter limiter = new InMemoryRateLimiter(1000);
		Budget budget = new Budget(10, Duration.ofMinutes(1));
		for (int i = 0; i < 10_000; i++) {
			limiter.consumeNow("ip-" + i, budget);
		}
		assertThat(limiter.size()).isLessThanOrEqualTo(1000);
	}

}
