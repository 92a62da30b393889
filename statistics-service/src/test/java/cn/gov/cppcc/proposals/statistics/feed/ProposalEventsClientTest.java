package cn.gov.cppcc.proposals.statistics.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.common.error.RemoteProblemException;
import cn.gov.cppcc.proposals.common.event.EventPage;
import cn.gov.cppcc.proposals.statistics.Script;
import cn.gov.cppcc.proposals.statistics.StatisticsTestBase;
import cn.gov.cppcc.proposals.statistics.StubServer;
import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caller's side of the event feed: our Feign client against a stub proposal-service,
 * the happy path, a problem body and a timeout; and the poller surviving both.
 */
class ProposalEventsClientTest extends StatisticsTestBase {

	@Autowired
	ProposalEventsClient client;

	@Autowired
	EventApplier applier;

	@Autowired
	FeedCursor cursor;

	@Autowired
	StatisticsProperties properties;

	@AfterEach
	void reset() {
		STUB.overrideEvents(null);
	}

	@Test
	void readsAPageOfEnvelopesWithTheServiceToken() {
		var events = new Script().drafted("X1", "13-1", "经济", "2025-01-05", "m1")
			.submitted("X1", "2025-01-06")
			.events();
		STUB.overrideEvents((ex) -> StubServer.send(ex, 200, "application/json",
				StubServer.JSON.writeValueAsString(Map.of("items", events, "next", 2, "unknownField", true))));
		EventPage page = this.client.events(0, 500);
		assertThat(page.next()).isEqualTo(2);
		assertThat(page.items()).hasSize(2);
		assertThat(page.items().get(1).type()).isEqualTo("proposal.submitted");
		assertThat(page.items().get(1).position()).isEqualTo(2);
		assertThat(page.items().get(1).occurredAt().toInstant()).isEqualTo(Instant.parse("2025-01-06T02:00:00Z"));
		assertThat(page.items().get(1).payload().get("proposal")).isInstanceOf(Map.class);
		assertThat(((Map<?, ?>) page.items().get(1).payload().get("proposal")).get("sessionId")).isEqualTo("13-1");
		assertThat(STUB.eventAuthorizations()).last().isEqualTo("Bearer stub-service-token");
	}

	@Test
	void aProblemAnswerBecomesATypedFailure() {
		STUB.overrideEvents((ex) -> StubServer.send(ex, 503, "application/problem+json",
				"{\"type\":\"/problems/dependency-unavailable\",\"title\":\"服务暂不可用\",\"status\":503,"
						+ "\"code\":\"dependency-unavailable\"}"));
		assertThatThrownBy(() -> this.client.events(0, 500)).satisfies((ex) -> {
			RemoteProblemException problem = find(ex, RemoteProblemException.class);
			assertThat(problem).isNotNull();
			assertThat(problem.getStatus()).isEqualTo(503);
			assertThat(problem.getCode()).isEqualTo("dependency-unavailable");
		});
	}

	@Test
	void aSlowFeedTimesOut() {
		STUB.overrideEvents((ex) -> {
			try {
				Thread.sleep(4000);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			StubServer.send(ex, 200, "application/json", "{\"items\":[],\"next\":0}");
		});
		Instant start = Instant.now();
		assertThatThrownBy(() -> this.client.events(0, 500))
			.satisfies((ex) -> assertThat(find(ex, java.net.SocketTimeoutException.class)).isNotNull());
		// read timeout of the test configuration: 1.5 s
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(3500));
	}

	@Test
	void thePollerSurvivesAFailingFeedAndKeepsItsCursor() {
		long before = this.cursor.position();
		STUB.overrideEvents((ex) -> StubServer.send(ex, 500, "text/plain", "boom"));
		FeedPoller poller = new FeedPoller(this.client, this.applier, this.cursor, this.properties);
		assertThatCode(poller::poll).doesNotThrowAnyException();
		assertThatCode(poller::poll).doesNotThrowAnyException();
		assertThat(this.cursor.position()).isEqualTo(before);
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
