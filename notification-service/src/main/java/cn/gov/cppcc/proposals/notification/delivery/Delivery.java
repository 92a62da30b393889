package cn.gov.cppcc.proposals.notification.delivery;

import java.time.LocalDateTime;

/**
 * A row of {@code delivery}: one message to one recipient over one channel (times UTC).
 */
public record Delivery(long id, String messageId, String eventId, String eventType, String recipient, String channel,
		String kind, String subject, String body, String state, int attempts, LocalDateTime nextAttemptAt,
		String claimedBy, LocalDateTime claimedUntil, Integer lastStatus, String lastError, LocalDateTime createdAt,
		LocalDateTime updatedAt, LocalDateTime sentAt) {
}
