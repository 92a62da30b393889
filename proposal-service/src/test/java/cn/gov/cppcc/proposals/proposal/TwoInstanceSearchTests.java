package cn.gov.cppcc.proposals.proposal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.gov.cppcc.proposals.proposal.refresh.InstanceRefresher;
import cn.gov.cppcc.proposals.proposal.search.SearchIndex;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search with two proposal-service instances on one database (issue 9): each instance
 * keeps its own Lucene index, so a proposal written through one instance must reach the
 * other's index through that instance's {@link InstanceRefresher}. The second instance is
 * a real second application context (its own beans, index, scheduler and HTTP port) whose
 * refresher runs on its real schedule ({@code platform.refresh.delay}, 2 s); the test
 * context's refresher is driven by hand (its schedule is 1 h in the tests). A third
 * instance started after the proposals exist shows the start-up rebuild.
 */
class TwoInstanceSearchTests extends IntegrationTestSupport {

	/** Relay (100 ms) + refresh delay (2 s) + scheduling slack on a loaded machine. */
	private static final Duration BOUND = Duration.ofSeconds(20);

	static ConfigurableApplicationContext second;

	@Autowired
	InstanceRefresher refresher;

	@Autowired
	SearchIndex search;

	@BeforeAll
	static void startSecondInstance() {
		second = instance("platform.refresh.delay=2s");
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	static ConfigurableApplicationContext instance(String refreshDelay) {
		// command-line arguments: they win over application.yml (server.port 8082), where
		// the builder's default properties would not
		return new SpringApplicationBuilder(ProposalServiceApplication.class, TestSecurity.class).run("--server.port=0",
				"--platform.deadlines.cron=-", "--platform.outbox.relay-delay=100ms", "--" + refreshDelay,
				"--platform.units.cache-ttl=0s",
				"--spring.cloud.discovery.client.simple.instances.department-service[0].uri=http://127.0.0.1:"
						+ DIRECTORY.getAddress().getPort());
	}

	/** The same request, answered by another instance. */
	Resp on(ConfigurableApplicationContext instance, String method, String path, String token, Object body) {
		int own = this.port;
		this.port = Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
		try {
			return call(method, path, token, body);
		}
		finally {
			this.port = own;
		}
	}

	/**
	 * The ids member1's proposal list search answers on the given instance (null: this
	 * one).
	 */
	List<String> found(ConfigurableApplicationContext instance, String q) {
		String path = "/api/v1/proposals?size=100&q=" + q;
		// as the author: drafts are visible to her only
		Resp r = (instance != null) ? on(instance, "GET", path, member1(), null) : get(path, member1());
		assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		r.body().path("items").forEach((item) -> ids.add(item.path("id").asString()));
		return ids;
	}

	/** Polls until the condition holds or the bound passes; how long it took. */
	static Duration within(Duration bound, Supplier<Boolean> condition) throws InterruptedException {
		long start = System.nanoTime();
		while (!condition.get()) {
			if (System.nanoTime() - start > bound.toNanos()) {
				return null;
			}
			Thread.sleep(100);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Test
	void aProposalWrittenThroughOneInstanceIsFoundByTheOtherWithinSeconds() throws Exception {
		// written through this instance: found here at once (after commit), by the second
		// instance once its scheduled refresher has applied the feed
		String here = submitted("关于骆马湖湿地生态修复的提案");
		assertThat(found(null, "骆马湖湿地")).containsExactly(here);
		Duration took = within(BOUND, () -> found(second, "骆马湖湿地").contains(here));
		assertThat(took).as("the second instance found %s within %s", here, BOUND).isNotNull();
		System.out.printf("second instance found proposal %s after %d ms%n", here, took.toMillis());

		// written through the second instance (a draft, the first event of a proposal):
		// this instance finds it once its refresher has run
		Resp created = on(second, "POST", "/api/v1/proposals", member1(),
				draft("关于洪泽湖渔民上岸安置的提案", List.of("建议一"), List.of()));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String there = created.body().path("id").asString();
		assertThat(found(second, "洪泽湖渔民")).containsExactly(there);
		assertThat(within(BOUND, () -> {
			this.refresher.refresh();
			return found(null, "洪泽湖渔民").contains(there);
		})).as("this instance found %s", there).isNotNull();

		// a change through the second instance replaces the text here: the old words no
		// longer match, the new ones do
		Resp edited = on(second, "PUT", "/api/v1/proposals/" + there, member1(),
				Map.of("title", "关于高邮湖渔民转产就业的提案", "content", "高邮湖渔民转产就业：现状、问题分析与建议。", "category", "经济建设", "suggestions",
						List.of("建议一"), "coProposerIds", List.of()));
		assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
		assertThat(within(BOUND, () -> {
			this.refresher.refresh();
			return found(null, "高邮湖渔民").contains(there);
		})).isNotNull();
		assertThat(found(null, "洪泽湖渔民")).doesNotContain(there);
	}

	@Test
	void anInstanceStartedAfterProposalsExistFindsEveryOne() throws Exception {
		String before = submitted("关于石臼湖禁捕退捕后续保障的提案");
		Resp created = on(second, "POST", "/api/v1/proposals", member1(),
				draft("关于固城湖螃蟹养殖尾水治理的提案", List.of("建议一"), List.of()));
		assertThat(created.status()).isEqualTo(201);
		String viaSecond = created.body().path("id").asString();

		// started now: the index is rebuilt from the database before the instance is
		// ready, with its refresher off (1 h), so nothing comes from the feed
		ConfigurableApplicationContext third = instance("platform.refresh.delay=1h");
		try {
			long proposals = this.jdbc.sql("SELECT COUNT(*) FROM proposal").query(Long.class).single();
			assertThat((long) third.getBean(SearchIndex.class).documents())
				.as("one document per proposal in the database")
				.isEqualTo(proposals);
			assertThat(found(third, "石臼湖禁捕")).containsExactly(before);
			assertThat(found(third, "固城湖螃蟹")).containsExactly(viaSecond);
			// and what is written after its start reaches it through its refresher
			String after = submitted("关于长荡湖水质提升的提案");
			InstanceRefresher thirdRefresher = third.getBean(InstanceRefresher.class);
			assertThat(within(BOUND, () -> {
				thirdRefresher.refresh();
				return found(third, "长荡湖水质").contains(after);
			})).isNotNull();
			assertThat((long) third.getBean(SearchIndex.class).documents())
				.isEqualTo(this.jdbc.sql("SELECT COUNT(*) FROM proposal").query(Long.class).single());
		}
		finally {
			third.close();
		}
	}

}
