package cn.gov.cppcc.proposals.notification.sms;

import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.notification.delivery.ChannelSender;
import cn.gov.cppcc.proposals.notification.delivery.Delivery;
import cn.gov.cppcc.proposals.notification.delivery.Outcome;
import cn.gov.cppcc.proposals.notification.delivery.Recipient;
import cn.gov.cppcc.proposals.notification.directory.Directory;
import cn.gov.cppcc.proposals.notification.directory.Person;

/**
 * SMS deliveries: phone number from department-service, the rate limit, then the
 * provider. Over the limit the delivery ends SKIPPED_RATE_LIMIT (visible); the in-app
 * notification was delivered regardless.
 */
@Component
class SmsChannel implements ChannelSender {

	private final SmsSender sender;

	private final SmsRateLimiter limiter;

	private final Directory directory;

	SmsChannel(SmsSender sender, SmsRateLimiter limiter, Directory directory) {
		this.sender = sender;
		this.limiter = limiter;
		this.directory = directory;
	}

	@Override
	public String channel() {
		return "SMS";
	}

	@Override
	public Outcome send(Delivery delivery) {
		Recipient recipient = Recipient.lookUp(this.directory, delivery, Person::phone, "no phone number");
		if (recipient.refusal() != null) {
			return recipient.refusal();
		}
		if (!this.limiter.tryAcquire(delivery.recipient())) {
			return Outcome.of(Outcome.Result.SKIPPED_RATE_LIMIT, "SMS rate limit reached");
		}
		try {
			this.sender.send(delivery.messageId(), recipient.address(), delivery.body());
			return Outcome.sent(null);
		}
		catch (SmsException ex) {
			return ex.isRetryable() ? Outcome.retry(ex.getStatus(), ex.getMessage())
					: Outcome.dead(ex.getStatus(), ex.getMessage());
		}
	}

}
