package cn.gov.cppcc.proposals.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault drill: proposal-service is killed with SIGKILL and started again while members
 * keep drafting and submitting (retrying, as a client does, with the same
 * Idempotency-Key). Every acknowledged write must be there afterwards with exactly one
 * event each, the feed stays gap-free, and notification-service tells the author exactly
 * once.
 */
class KillDrill {

	@Test
	void killingProposalServiceLosesNothingAndDuplicatesNothing() throws Exception {
		Platform platform = Platform.get();
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 60; i++) {
				String title = "演练" + run + "第" + i + "件";
				Map<String, Object> body = Map.of("title", title, "content", "故障演练", "category", "其他", "suggestions",
						List.of("建议"));
				String id = retry(() -> platform.send("POST", "/api/v1/proposals", "member1", body, "Idempotency-Key",
						run + "-" + title), 201);
				if (id == null) {
					continue;
				}
				String submitted = retry(() -> platform.post("/api/v1/proposals/" + id + "/submit", "member1", null),
						200);
				if (submitted != null) {
					acknowledged.add(id);
				}
			}
		});
		Thread.sleep(3000);
		killAndRestart(platform);
		writer.get();
		System.out.println("DRILL acknowledged submissions: " + acknowledged.size());
		assertThat(acknowledged).hasSizeGreaterThan(30);

		for (String id : acknowledged) {
			Response proposal = platform.get("/api/v1/proposals/" + id, "member1");
			assertThat(proposal.status()).isEqualTo(200);
			assertThat(proposal.json().get("status").asString()).isEqualTo("SUBMITTED");
		}
		String client = platform.clientToken("demo-12345", Platform.DEMO_PASSWORD);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, Integer> submittedEvents = new HashMap<>();
			Set<String> eventIds = new HashSet<>();
			long after = 0;
			while (true) {
				Response page = platform.sendTo(Platform.gateway(), "GET",
						"/api/v1/events?after=" + after + "&limit=500", client, null);
				JsonNode items = page.json().get("items");
				if (items.isEmpty()) {
					break;
				}
				for (JsonNode event : items) {
					assertThat(event.get("position").asLong()).isEqualTo(after + 1);
					after = event.get("position").asLong();
					assertThat(eventIds.add(event.get("id").asString())).isTrue();
					if ("proposal.submitted".equals(event.get("type").asString())) {
						submittedEvents.merge(event.get("aggregateId").asString(), 1, Integer::sum);
					}
				}
			}
			for (String id : acknowledged) {
				assertThat(submittedEvents.get(id)).as("submitted events of %s", id).isEqualTo(1);
			}
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String inbox = platform.get("/api/v1/notifications?size=100&page=1", "member1").body()
					+ platform.get("/api/v1/notifications?size=100&page=2", "member1").body();
			for (String id : acknowledged) {
				String title = platform.get("/api/v1/proposals/" + id, "member1").json().get("title").asString();
				int count = inbox.split(title, -1).length - 1;
				assertThat(count).as("notifications naming %s", title).isEqualTo(1);
			}
		});
		System.out.println("DRILL PASS: kill -9 of proposal-service lost and duplicated nothing");
	}

	private static void killAndRestart(Platform platform) {
		platform.runArgs("kill-app", "proposal-service");
		platform.runArgs("start-app", "proposal-service");
	}

	private static String retry(java.util.function.Supplier<Response> call, int expected) {
		for (int attempt = 0; attempt < 120; attempt++) {
			try {
				Response answer = call.get();
				if (answer.status() == expected) {
					return answer.json().get("id").asString();
				}
				if (answer.status() < 500 && answer.status() != 409) {
					return null;
				}
			}
			catch (RuntimeException ex) {
				// connection refused while the service is down
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

}
