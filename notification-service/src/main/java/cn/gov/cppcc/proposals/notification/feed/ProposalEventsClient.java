package cn.gov.cppcc.proposals.notification.feed;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.gov.cppcc.proposals.common.event.EventPage;

/**
 * proposal-service's event feed (docs/events.md), read with this service's own
 * client-credentials token.
 */
@FeignClient(name = "proposal-service", contextId = "notificationProposalEvents")
interface ProposalEventsClient {

	@GetMapping("/api/v1/events")
	EventPage events(@RequestParam("after") long after, @RequestParam("limit") int limit);

}
