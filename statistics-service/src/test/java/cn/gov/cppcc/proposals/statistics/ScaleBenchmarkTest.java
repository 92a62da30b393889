package cn.gov.cppcc.proposals.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Not part of the normal build (it replaces the read model): ten years of a province —
 * 15,000 proposals, 150,000 events, 100 units — rebuilt from a stub feed, then every
 * report asked 200 times. Run alone:
 * {@code mvn -o -pl statistics-service verify -Dtest=ScaleBenchmarkTest -Dstatistics.benchmark=true}.
 * The project's benchmark measures the running service; this is the developer's check.
 */
@EnabledIfSystemProperty(named = "statistics.benchmark", matches = "true")
@TestPropertySource(properties = { "platform.statistics.feed.page-size=500",
		"spring.cloud.openfeign.client.config.proposalEvents.read-timeout=10000" })
class ScaleBenchmarkTest extends StatisticsTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	cn.gov.cppcc.proposals.statistics.feed.ProposalEventsClient client;

	static List<EventEnvelope> proposal(int i) {
		String[] categories = { "经济", "社会", "教育", "科技", "文化", "生态", "农业", "法治" };
		String[] ratings = { "SATISFIED", "BASICALLY_SATISFIED", "SATISFIED", "UNSATISFIED" };
		Script s = new Script(i * 10L + 1, true);
		String id = "B" + i;
		int year = 2016 + i / 1500;
		String session = (12 + (year - 2016) / 5) + "-" + (1 + (year - 2016) % 5);
		LocalDate day = LocalDate.of(year, 1, 10).plusDays(i % 20);
		String lead = String.valueOf(1 + i % 100);
		String co = String.valueOf(1 + (i * 7 + 3) % 100);
		s.drafted(id, session, categories[i % categories.length], day.toString(), "m" + (i % 700),
				"m" + ((i + 1) % 700));
		s.submitted(id, day.plusDays(1).toString());
		s.filed(id, day.plusDays(10).toString(), i % 1500 + 1);
		s.assignedLead(id, day.plusDays(20).toString(), day.plusDays(110).toString(), lead, co);
		s.communication(id, day.plusDays(30).toString(), lead, (i % 3 == 0) ? "PHONE" : "MEETING");
		s.coOpinion(id, day.plusDays(40).toString(), co);
		s.reply(id, day.plusDays(50 + i % 70).toString(), lead, "r" + i, String.valueOf("ABC".charAt(i % 3)), 1,
				i % 70 < 60, true);
		s.feedback(id, day.plusDays(130).toString(), "m" + (i % 700), ratings[i % 4], 1);
		s.feedback(id, day.plusDays(131).toString(), "m" + ((i + 1) % 700), ratings[(i + 1) % 4], 1);
		s.closed(id, day.plusDays(140).toString());
		return s.events();
	}

	@Test
	void tenYearsOfAProvince() throws Exception {
		// generated page by page (10 events per proposal, stable ids): the whole feed
		// never sits in memory
		STUB.setFeed(new StubServer.Feed() {

			private long cachedProposal = -1;

			private List<EventEnvelope> cached;

			@Override
			public long size() {
				return 150_000;
			}

			@Override
			public synchronized String json(long position) {
				long proposal = (position - 1) / 10;
				if (proposal != this.cachedProposal) {
					this.cached = proposal((int) proposal);
					this.cachedProposal = proposal;
				}
				return StubServer.JSON.writeValueAsString(this.cached.get((int) ((position - 1) % 10)));
			}
		});
		assertThat(proposal(14_999)).hasSize(10);
		for (long after : new long[] { 0, 0, 100_000, 149_000 }) {
			long t = System.nanoTime();
			int n = this.client.events(after, 500).items().size();
			System.out.println("BENCHMARK one page of " + n + " after " + after + ": "
					+ (System.nanoTime() - t) / 1_000_000 + " ms");
		}
		Instant start = Instant.now();
		this.mvc.perform(post("/api/v1/statistics/rebuild").with(as("u-admin", null, "ADMIN")))
			.andExpect(status().isAccepted());
		while (this.jdbc.queryForObject("SELECT rebuilding FROM feed_cursor", Boolean.class)) {
			Thread.sleep(200);
		}
		Duration rebuild = Duration.between(start, Instant.now());
		System.out.println("BENCHMARK rebuild of 150,000 events: " + rebuild.toMillis() + " ms");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM proposal_fact", Long.class)).isEqualTo(15_000);

		for (String path : List.of("/api/v1/statistics/overview?session=13-2", "/api/v1/statistics/overview",
				"/api/v1/statistics/units?session=13-2", "/api/v1/statistics/units",
				"/api/v1/statistics/categories?session=13-2", "/api/v1/statistics/trend?from=2016-01&to=2025-12",
				"/api/v1/public/statistics")) {
			List<Long> micros = new ArrayList<>();
			for (int i = 0; i < 220; i++) {
				long t = System.nanoTime();
				this.mvc.perform(get(path).with(as("u-c", null, "COMMITTEE"))).andExpect(status().isOk());
				if (i >= 20) {
					micros.add((System.nanoTime() - t) / 1000);
				}
			}
			long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.println("BENCHMARK " + path + " p50 " + sorted[sorted.length / 2] / 1000.0 + " ms, p99 "
					+ sorted[(int) (sorted.length * 0.99)] / 1000.0 + " ms");
			assertThat(Arrays.stream(sorted).max().orElse(0)).isPositive();
		}
		assertThat(rebuild).isLessThan(Duration.ofMinutes(1));
	}

}
