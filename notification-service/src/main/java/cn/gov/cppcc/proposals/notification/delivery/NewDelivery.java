package cn.gov.cppcc.proposals.notification.delivery;

/**
 * A delivery to enqueue; duplicates of (event, recipient, channel) are ignored.
 */
public record NewDelivery(String eventId, String eventType, String recipient, String channel, String kind,
		String subject, String body) {
}
