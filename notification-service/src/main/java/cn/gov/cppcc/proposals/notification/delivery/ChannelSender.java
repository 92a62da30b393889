package cn.gov.cppcc.proposals.notification.delivery;

/**
 * Sends claimed deliveries of one channel. Implementations must use
 * {@link Delivery#messageId()} as the receiver-visible id so that a retry after a crash
 * can be recognised by the receiver.
 */
public interface ChannelSender {

	String channel();

	Outcome send(Delivery delivery);

}
