package cn.gov.cppcc.proposals.statistics.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The report cache: one computation per key and generation, shared by the readers that
 * arrive while it runs; a new generation (the feed cursor moved) computes again; a failed
 * computation is not kept.
 */
class ReportCacheTest {

	private final JdbcTemplate jdbc = mock(JdbcTemplate.class);

	private final AtomicReference<String> cursor = new AtomicReference<>("1@2026-12-06 10:00:00");

	private final ReportCache cache = new ReportCache(this.jdbc, new StatisticsProperties(ZoneId.of("Asia/Shanghai"), 5,
			new StatisticsProperties.Feed(true, 500, Duration.ofSeconds(30)), Duration.ofMinutes(10)), true);

	ReportCacheTest() {
		when(this.jdbc.queryForObject(anyString(), eq(String.class))).thenAnswer((call) -> this.cursor.get());
	}

	@Test
	void concurrentMissesShareOneComputation() throws Exception {
		AtomicInteger computations = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> answers = new ArrayList<>();
			answers.add(pool.submit(() -> this.cache.get("units|null", () -> {
				computations.incrementAndGet();
				started.countDown();
				await(release);
				return "report";
			})));
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 7; i++) {
				answers.add(pool.submit(() -> this.cache.get("units|null", () -> {
					computations.incrementAndGet();
					return "again";
				})));
			}
			Thread.sleep(200);
			release.countDown();
			for (Future<String> answer : answers) {
				assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("report");
			}
			assertThat(computations).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aNewGenerationComputesAgainAndAFailureIsNotKept() {
		AtomicInteger computations = new AtomicInteger();
		assertThat(this.cache.get("k", () -> "a" + computations.incrementAndGet())).isEqualTo("a1");
		assertThat(this.cache.get("k", () -> "a" + computations.incrementAndGet())).isEqualTo("a1");
		this.cursor.set("2@2026-12-06 10:00:05");
		assertThat(this.cache.get("k", () -> "a" + computations.incrementAndGet())).isEqualTo("a2");

		assertThatThrownBy(() -> this.cache.get("broken", () -> {
			throw new IllegalStateException("database gone");
		})).isInstanceOf(IllegalStateException.class).hasMessage("database gone");
		assertThat(this.cache.get("broken", () -> "recovered")).isEqualTo("recovered");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
