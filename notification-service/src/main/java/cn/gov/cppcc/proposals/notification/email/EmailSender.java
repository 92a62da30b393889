package cn.gov.cppcc.proposals.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.notification.config.NotificationProperties;
import cn.gov.cppcc.proposals.notification.delivery.ChannelSender;
import cn.gov.cppcc.proposals.notification.delivery.Delivery;
import cn.gov.cppcc.proposals.notification.delivery.Outcome;
import cn.gov.cppcc.proposals.notification.delivery.Recipient;
import cn.gov.cppcc.proposals.notification.directory.Directory;
import cn.gov.cppcc.proposals.notification.directory.Person;

/**
 * Email over SMTP ({@code spring.mail.*}). The address is looked up when sending, so a
 * changed address is used; the Message-ID is derived from the delivery's message id, the
 * same on a retry. An unreachable or refusing server is retried with backoff.
 */
@Component
class EmailSender implements ChannelSender {

	private final JavaMailSender mail;

	private final Directory directory;

	private final NotificationProperties properties;

	EmailSender(JavaMailSender mail, Directory directory, NotificationProperties properties) {
		this.mail = mail;
		this.directory = directory;
		this.properties = properties;
	}

	@Override
	public String channel() {
		return "EMAIL";
	}

	@Override
	public Outcome send(Delivery delivery) {
		Recipient recipient = Recipient.lookUp(this.directory, delivery, Person::email, "no email address");
		if (recipient.refusal() != null) {
			return recipient.refusal();
		}
		try {
			MimeMessage message = this.mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(this.properties.mailFrom());
			helper.setTo(recipient.address());
			helper.setSubject(delivery.subject());
			helper.setText(delivery.body(), false);
			// JavaMailSenderImpl keeps a Message-ID set before sending: the same id on
			// every retry
			message.setHeader("Message-ID", "<" + delivery.messageId() + "@notification.cppcc-proposals>");
			this.mail.send(message);
			return Outcome.sent(null);
		}
		catch (MailAuthenticationException ex) {
			return Outcome.retry(null, "SMTP authentication failed");
		}
		catch (MailException | MessagingException ex) {
			return Outcome.retry(null, ex.getClass().getSimpleName());
		}
	}

}
