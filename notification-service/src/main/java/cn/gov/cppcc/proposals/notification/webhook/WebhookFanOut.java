package cn.gov.cppcc.proposals.notification.webhook;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.notification.delivery.DeliveryRepository;
import cn.gov.cppcc.proposals.notification.delivery.NewDelivery;

/**
 * One WEBHOOK delivery per (event, enabled subscription that wants the type), in the
 * consumer's transaction; the body is the event envelope as JSON, fixed at enqueue time
 * so every retry sends the same bytes.
 */
@Service
public class WebhookFanOut {

	private final WebhookRepository repository;

	private final DeliveryRepository deliveries;

	private final JsonMapper json;

	WebhookFanOut(WebhookRepository repository, DeliveryRepository deliveries, JsonMapper json) {
		this.repository = repository;
		this.deliveries = deliveries;
		this.json = json;
	}

	public void enqueue(EventEnvelope event) {
		String body = null;
		for (WebhookRepository.Subscription subscription : this.repository.enabled()) {
			if (subscription.wants(event.type())) {
				if (body == null) {
					body = this.json.writeValueAsString(event);
				}
				this.deliveries.enqueue(new NewDelivery(event.id(), event.type(), recipient(subscription.id()),
						"WEBHOOK", null, event.type(), body));
			}
		}
	}

	static String recipient(long subscriptionId) {
		return "webhook:" + subscriptionId;
	}

}
