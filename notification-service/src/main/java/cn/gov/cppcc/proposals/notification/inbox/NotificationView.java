package cn.gov.cppcc.proposals.notification.inbox;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import cn.gov.cppcc.proposals.notification.inbox.InboxRepository.NotificationRow;

/**
 * A notification as its recipient sees it (inbox and SSE).
 */
public record NotificationView(String id, String kind, String eventType, String proposalId, String title, String body,
		OffsetDateTime createdAt, boolean read, OffsetDateTime readAt) {

	private static final ZoneId DISPLAY = ZoneId.of("Asia/Shanghai");

	public static NotificationView of(NotificationRow row) {
		return new NotificationView(String.valueOf(row.id()), row.kind(), row.eventType(), row.proposalId(),
				row.title(), row.body(), display(row.createdAt()), row.readAt() != null, display(row.readAt()));
	}

	static OffsetDateTime display(LocalDateTime utc) {
		return (utc != null) ? utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(DISPLAY).toOffsetDateTime() : null;
	}

}
