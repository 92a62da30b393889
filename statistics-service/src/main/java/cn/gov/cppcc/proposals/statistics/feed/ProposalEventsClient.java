package cn.gov.cppcc.proposals.statistics.feed;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.gov.cppcc.proposals.common.event.EventPage;

/**
 * proposal-service's ordered event feed (docs/events.md). Outside a user request the
 * platform's Feign interceptor authenticates with this service's client-credentials token
 * (client {@code statistics-service}, scope {@code events:read}).
 */
@FeignClient(name = "proposal-service", contextId = "proposalEvents")
public interface ProposalEventsClient {

	@GetMapping("/api/v1/events")
	EventPage events(@RequestParam("after") long after, @RequestParam("limit") int limit);

}
