package cn.gov.cppcc.proposals.notification.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.notification.delivery.ChannelSender;
import cn.gov.cppcc.proposals.notification.delivery.Delivery;
import cn.gov.cppcc.proposals.notification.delivery.Outcome;

/**
 * POSTs a webhook delivery, signed in the Standard Webhooks style. The {@code webhook-id}
 * is the delivery's message id, the same on every retry. 2xx is success; 410 Gone
 * disables the subscription; anything else retries with backoff. Redirects are not
 * followed (they could lead to internal addresses).
 */
@Component
class WebhookSender implements ChannelSender {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private final WebhookRepository repository;

	private final AddressGuard guard;

	private final WebhookProperties properties;

	private final HttpClient http;

	WebhookSender(WebhookRepository repository, AddressGuard guard, WebhookProperties properties) {
		this.repository = repository;
		this.guard = guard;
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public String channel() {
		return "WEBHOOK";
	}

	@Override
	public Outcome send(Delivery delivery) {
		long subscriptionId = Long.parseLong(delivery.recipient().substring("webhook:".length()));
		WebhookRepository.Subscription subscription = this.repository.find(subscriptionId);
		if (subscription == null || !subscription.enabled()) {
			return Outcome.of(Outcome.Result.CANCELLED, "subscription disabled");
		}
		String refusal = this.guard.refusal(subscription.url());
		if (refusal != null) {
			return Outcome.dead(null, "address refused: " + refusal);
		}
		long timestamp = Instant.now().getEpochSecond();
		String signature = WebhookSigner.sign(subscription.secret(), delivery.messageId(), timestamp, delivery.body());
		HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
			.timeout(this.properties.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "cppcc-proposal-platform-webhooks/1")
			.header("webhook-id", delivery.messageId())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return Outcome.sent(status);
			}
			if (status == 410) {
				this.repository.disable(subscriptionId, "receiver answered 410 Gone");
				log.info("Webhook subscription {} disabled: receiver answered 410", subscriptionId);
				return Outcome.dead(status, "410 Gone: subscription disabled");
			}
			return Outcome.retry(status, "HTTP " + status);
		}
		catch (IOException ex) {
			return Outcome.retry(null, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.retry(null, "interrupted");
		}
	}

}
