package cn.gov.cppcc.proposals.notification.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import cn.gov.cppcc.proposals.notification.inbox.InboxRepository;
import cn.gov.cppcc.proposals.notification.inbox.InboxRepository.NotificationRow;
import cn.gov.cppcc.proposals.notification.inbox.NotificationView;

/**
 * Live notifications over SSE. Streams read the inbox table (not an in-memory bus), so a
 * notification written by whichever instance consumed the event reaches a client
 * connected to any instance, and {@code Last-Event-ID} (the notification id) resumes
 * after a reconnect.
 */
@Component
class StreamHub {

	private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

	private final InboxRepository inbox;

	private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	StreamHub(InboxRepository inbox) {
		this.inbox = inbox;
	}

	SseEmitter open(String userId, Long lastEventId, long timeoutMillis) {
		SseEmitter emitter = new SseEmitter(timeoutMillis);
		long start = (lastEventId != null) ? lastEventId : this.inbox.lastId(userId);
		Subscriber subscriber = new Subscriber(userId, emitter, start);
		this.subscribers.computeIfAbsent(userId, (k) -> new CopyOnWriteArrayList<>()).add(subscriber);
		Runnable remove = () -> remove(subscriber);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError((ex) -> remove.run());
		try {
			emitter.send(SseEmitter.event().comment("connected"));
		}
		catch (IOException ex) {
			remove.run();
		}
		if (lastEventId != null) {
			push(subscriber);
		}
		return emitter;
	}

	@Scheduled(fixedDelayString = "${platform.notification.stream-poll-interval:250ms}")
	void pushAll() {
		for (List<Subscriber> list : this.subscribers.values()) {
			for (Subscriber subscriber : list) {
				push(subscriber);
			}
		}
	}

	@Scheduled(fixedDelayString = "${platform.notification.heartbeat:15s}")
	void heartbeat() {
		for (List<Subscriber> list : this.subscribers.values()) {
			for (Subscriber subscriber : list) {
				try {
					synchronized (subscriber) {
						subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
					}
				}
				catch (IOException | IllegalStateException ex) {
					remove(subscriber);
				}
			}
		}
	}

	private void push(Subscriber subscriber) {
		synchronized (subscriber) {
			try {
				List<NotificationRow> rows = this.inbox.after(subscriber.userId, subscriber.lastId, 100);
				for (NotificationRow row : rows) {
					subscriber.emitter.send(SseEmitter.event()
						.id(String.valueOf(row.id()))
						.name("notification")
						.data(NotificationView.of(row)));
					subscriber.lastId = row.id();
				}
			}
			catch (IOException | IllegalStateException ex) {
				remove(subscriber);
			}
			catch (RuntimeException ex) {
				log.debug("SSE push failed: {}", ex.toString());
			}
		}
	}

	private void remove(Subscriber subscriber) {
		List<Subscriber> list = this.subscribers.get(subscriber.userId);
		if (list != null) {
			list.remove(subscriber);
		}
	}

	int connected() {
		return this.subscribers.values().stream().mapToInt(List::size).sum();
	}

	private static final class Subscriber {

		private final String userId;

		private final SseEmitter emitter;

		private long lastId;

		Subscriber(String userId, SseEmitter emitter, long lastId) {
			this.userId = userId;
			this.emitter = emitter;
			this.lastId = lastId;
		}

	}

}
