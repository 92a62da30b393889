package cn.gov.cppcc.proposals.notification.sms;

/**
 * A provider that sends one text message. Implementations throw {@link SmsException} with
 * whether a retry could help.
 */
public interface SmsSender {

	/**
	 * Send a message.
	 * @param messageId our id of the message, the same on every retry (passed to the
	 * provider where it has a field for it)
	 * @param phone the recipient's phone number
	 * @param text the message
	 */
	void send(String messageId, String phone, String text);

}
