package cn.gov.cppcc.proposals.notification.stream;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import cn.gov.cppcc.proposals.common.security.CurrentUser;

/**
 * {@code GET /api/v1/notifications/stream}: the signed-in person's new notifications as
 * Server-Sent Events (event {@code notification}, id = notification id), heartbeat
 * comments, resumable with {@code Last-Event-ID}. The stream ends after 30 minutes; the
 * client reconnects with the last id.
 */
@RestController
class StreamController {

	private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

	private final StreamHub hub;

	StreamController(StreamHub hub) {
		this.hub = hub;
	}

	@GetMapping(path = "/api/v1/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(CurrentUser user, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		Long last = null;
		if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
			last = Long.valueOf(lastEventId);
		}
		return this.hub.open(user.id(), last, TIMEOUT);
	}

}
