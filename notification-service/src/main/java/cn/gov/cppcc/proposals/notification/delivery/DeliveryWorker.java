package cn.gov.cppcc.proposals.notification.delivery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.notification.config.NotificationProperties;

/**
 * Sends what the consumer enqueued. Each round claims due rows for this worker, sends
 * them, and records the outcome only while still holding the claim. A worker that dies
 * mid-send leaves a claim that expires; another worker then sends the row again with the
 * same message id (at-least-once towards the receiver, which can deduplicate by that id).
 * Failures retry with the channel's exponential backoff and end DEAD, visibly.
 */
@Component
public class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	static final Set<String> FAST_CHANNELS = Set.of("EMAIL", "SMS", "GROUP");

	static final Set<String> WEBHOOK_CHANNELS = Set.of("WEBHOOK");

	private final DeliveryRepository deliveries;

	private final Map<String, ChannelSender> senders;

	private final NotificationProperties properties;

	private final String instance = "worker-" + UUID.randomUUID().toString().substring(0, 8);

	DeliveryWorker(DeliveryRepository deliveries, List<ChannelSender> senders, NotificationProperties properties) {
		this.deliveries = deliveries;
		this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${platform.notification.worker-interval:500ms}", initialDelayString = "5s")
	void scheduledFast() {
		if (this.properties.workersEnabled()) {
			runOnce(FAST_CHANNELS);
		}
	}

	@Scheduled(fixedDelayString = "${platform.notification.worker-interval:500ms}", initialDelayString = "5s")
	void scheduledWebhooks() {
		if (this.properties.workersEnabled()) {
			runOnce(WEBHOOK_CHANNELS);
		}
	}

	/** Send everything due now, of every channel (tests and operators). */
	public int drain() {
		int total = 0;
		int sent;
		do {
			sent = runOnce(FAST_CHANNELS) + runOnce(WEBHOOK_CHANNELS);
			total += sent;
		}
		while (sent > 0);
		return total;
	}

	/**
	 * One round: claim, send, complete.
	 * @param channels channels to work on
	 * @return number of deliveries attempted
	 */
	public int runOnce(Set<String> channels) {
		String token = this.instance + ":" + UUID.randomUUID();
		List<Delivery> claimed;
		try {
			claimed = this.deliveries.claim(channels, token, this.properties.claimDuration(),
					this.properties.batchSize());
		}
		catch (RuntimeException ex) {
			log.warn("Claiming deliveries failed: {}", ex.toString());
			return 0;
		}
		for (Delivery delivery : claimed) {
			process(delivery, token);
		}
		return claimed.size();
	}

	private void process(Delivery delivery, String token) {
		ChannelSender sender = this.senders.get(delivery.channel());
		Outcome outcome;
		if (sender == null) {
			outcome = Outcome.dead(null, "no sender for channel " + delivery.channel());
		}
		else {
			try {
				outcome = sender.send(delivery);
			}
			catch (RuntimeException ex) {
				log.warn("Delivery {} ({}) failed: {}", delivery.id(), delivery.channel(), ex.getClass().getName());
				outcome = Outcome.retry(null, ex.getClass().getSimpleName());
			}
		}
		String state;
		LocalDateTime next = null;
		switch (outcome.result()) {
			case SENT -> state = "SENT";
			case RETRY -> {
				List<Duration> backoff = this.properties.backoff(delivery.channel());
				int failures = delivery.attempts() + 1;
				if (failures > backoff.size()) {
					state = "DEAD";
				}
				else {
					state = "PENDING";
					next = DeliveryRepository.now().plus(backoff.get(failures - 1));
				}
			}
			default -> state = outcome.result().name();
		}
		if (!this.deliveries.complete(delivery, token, state, next, outcome)) {
			log.info("Delivery {} was taken over by another worker after the claim expired", delivery.id());
		}
		else if ("DEAD".equals(state)) {
			log.warn("Delivery {} ({}) is DEAD after {} attempts", delivery.id(), delivery.channel(),
					delivery.attempts() + 1);
		}
	}

}
