package cn.gov.cppcc.proposals.proposal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.gov.cppcc.proposals.proposal.deadline.DeadlineJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A reminder fires once per deadline even with two instances running" (issue 4): a
 * second proposal-service application context — its own beans, scheduler lock provider,
 * connection pool and deadline job — on the same database as the test context, both
 * running the deadline job at the same moment, through the plain pass (the unique notice
 * row alone must hold) and through the scheduled entry point (ShedLock in front).
 */
class TwoInstanceDeadlineTests extends IntegrationTestSupport {

	private static final String P = "/api/v1/proposals/";

	static ConfigurableApplicationContext second;

	@Autowired
	DeadlineJob deadlineJob;

	@BeforeAll
	static void startSecondInstance() {
		second = new SpringApplicationBuilder(ProposalServiceApplication.class, TestSecurity.class)
			.properties("server.port=0", "platform.deadlines.cron=-", "platform.outbox.relay-delay=100ms",
					"platform.refresh.delay=1h", "platform.units.cache-ttl=0s",
					"spring.cloud.discovery.client.simple.instances.department-service[0].uri=http://127.0.0.1:"
							+ DIRECTORY.getAddress().getPort())
			// a command-line argument: defaults given to properties() lose to
			// application.yml's 8082
			.run("--server.port=0");
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	private static void together(Callable<?> a, Callable<?> b) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = List.of(pool.submit(() -> {
				start.await();
				return a.call();
			}), pool.submit(() -> {
				start.await();
				return b.call();
			}));
			start.countDown();
			for (Future<?> future : futures) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private int notices(String id, String type) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = ?
				AND payload LIKE '%"deadlineKind":"REPLY"%'""").params(id, type).query(Integer.class).single();
	}

	@Test
	void aReminderFiresOncePerDeadlineWithTwoInstances() throws Exception {
		DeadlineJob other = second.getBean(DeadlineJob.class);
		assertThat(other).isNotSameAs(this.deadlineJob);

		// the second instance works on the same database: alone, it emits the reminder
		String alone = assigned("第二实例单独提醒测试提案");
		LocalDate aloneReply = LocalDate
			.parse(get(P + alone, committee()).body().path("deadlines").path("reply").asString());
		assertThat(other.run(aloneReply.minusDays(1))).isPositive();
		assertThat(notices(alone, "proposal.deadline-reminder")).isEqualTo(1);

		String id = assigned("两个实例期限提醒测试提案");
		LocalDate reply = LocalDate.parse(get(P + id, committee()).body().path("deadlines").path("reply").asString());
		for (int i = 0; i < 3; i++) {
			together(() -> this.deadlineJob.run(reply.minusDays(1)), () -> other.run(reply.minusDays(1)));
		}
		assertThat(notices(id, "proposal.deadline-reminder")).isEqualTo(1);
		for (int i = 0; i < 3; i++) {
			together(() -> this.deadlineJob.run(reply.plusDays(1)), () -> other.run(reply.plusDays(1)));
		}
		assertThat(notices(id, "proposal.deadline-overdue")).isEqualTo(1);

		// the scheduled entry point, as the schedulers of two instances call it: due
		// tomorrow, so a reminder today
		String soon = assigned("两个实例定时提醒测试提案");
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		this.jdbc.sql("UPDATE proposal SET reply_deadline = ? WHERE id = ?")
			.params(today.plusDays(1), Long.parseLong(soon))
			.update();
		for (int i = 0; i < 3; i++) {
			together(() -> {
				this.deadlineJob.scheduled();
				return null;
			}, () -> {
				other.scheduled();
				return null;
			});
		}
		assertThat(notices(soon, "proposal.deadline-reminder")).isEqualTo(1);
		assertThat(notices(soon, "proposal.deadline-overdue")).isZero();
	}

}
