package cn.gov.cppcc.proposals.notification.delivery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery table: enqueue (insert-or-ignore on the unique key, never
 * check-then-insert), claim, complete.
 */
@Repository
public class DeliveryRepository {

	private final JdbcClient jdbc;

	DeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static LocalDateTime now() {
		return LocalDateTime.now(ZoneOffset.UTC);
	}

	/**
	 * Enqueue unless (event, recipient, channel) is already there.
	 * @param delivery what to send
	 * @return whether a row was inserted
	 */
	public boolean enqueue(NewDelivery delivery) {
		LocalDateTime now = now();
		return this.jdbc.sql("""
				INSERT IGNORE INTO delivery (message_id, event_id, event_type, recipient, channel, kind, subject, body,
				  state, attempts, next_attempt_at, created_at, updated_at)
				VALUES (:messageId, :eventId, :eventType, :recipient, :channel, :kind, :subject, :body,
				  'PENDING', 0, :now, :now, :now)
				""")
			.param("messageId", "msg_" + UUID.randomUUID().toString().replace("-", ""))
			.param("eventId", delivery.eventId())
			.param("eventType", delivery.eventType())
			.param("recipient", delivery.recipient())
			.param("channel", delivery.channel())
			.param("kind", delivery.kind())
			.param("subject", delivery.subject())
			.param("body", delivery.body())
			.param("now", now)
			.update() == 1;
	}

	/**
	 * Take due deliveries of the given channels for this worker: a row is free when it is
	 * pending, due, and nobody holds an unexpired claim on it. The single UPDATE makes
	 * two workers never claim the same row.
	 */
	List<Delivery> claim(Collection<String> channels, String token, Duration claimFor, int limit) {
		LocalDateTime now = now();
		this.jdbc.sql("""
				UPDATE delivery SET claimed_by = :token, claimed_until = :until, updated_at = :now
				WHERE state = 'PENDING' AND next_attempt_at <= :now AND channel IN (:channels)
				  AND (claimed_until IS NULL OR claimed_until < :now)
				ORDER BY next_attempt_at, id LIMIT :limit
				""")
			.param("token", token)
			.param("until", now.plus(claimFor))
			.param("now", now)
			.param("channels", List.copyOf(channels))
			.param("limit", limit)
			.update();
		return this.jdbc.sql("SELECT * FROM delivery WHERE claimed_by = :token AND state = 'PENDING' ORDER BY id")
			.param("token", token)
			.query(Delivery.class)
			.list();
	}

	/**
	 * Record the end of an attempt, only if this worker still holds the claim.
	 * @return whether this worker still held it
	 */
	boolean complete(Delivery delivery, String token, String state, LocalDateTime nextAttemptAt, Outcome outcome) {
		LocalDateTime now = now();
		int updated = this.jdbc.sql("""
				UPDATE delivery SET state = :state, attempts = attempts + 1, next_attempt_at = :next,
				  claimed_by = NULL, claimed_until = NULL, last_status = :status, last_error = :error,
				  sent_at = CASE WHEN :state = 'SENT' THEN :now ELSE sent_at END, updated_at = :now
				WHERE id = :id AND claimed_by = :token AND state = 'PENDING'
				""")
			.param("state", state)
			.param("next", (nextAttemptAt != null) ? nextAttemptAt : now)
			.param("status", outcome.status())
			.param("error", truncate(outcome.error()))
			.param("now", now)
			.param("id", delivery.id())
			.param("token", token)
			.update();
		if (updated == 1) {
			this.jdbc.sql("""
					INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, status_code, outcome, error)
					VALUES (:id, :attempt, :now, :status, :outcome, :error)
					""")
				.param("id", delivery.id())
				.param("attempt", delivery.attempts() + 1)
				.param("now", now)
				.param("status", outcome.status())
				.param("outcome", outcome.result().name())
				.param("error", truncate(outcome.error()))
				.update();
		}
		return updated == 1;
	}

	/** One more attempt for a dead letter (ADMIN), with the same message id. */
	boolean requeueDead(long id) {
		return this.jdbc.sql("""
				UPDATE delivery SET state = 'PENDING', next_attempt_at = :now, attempts = GREATEST(attempts - 1, 0),
				  claimed_by = NULL, claimed_until = NULL, updated_at = :now
				WHERE id = :id AND state = 'DEAD'
				""").param("now", now()).param("id", id).update() == 1;
	}

	public List<Delivery> findByEvent(String eventId) {
		return this.jdbc.sql("SELECT * FROM delivery WHERE event_id = :e ORDER BY id")
			.param("e", eventId)
			.query(Delivery.class)
			.list();
	}

	public Delivery find(long id) {
		return this.jdbc.sql("SELECT * FROM delivery WHERE id = :id")
			.param("id", id)
			.query(Delivery.class)
			.optional()
			.orElse(null);
	}

	public List<Delivery> page(String recipient, String channel, String state, int offset, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM delivery WHERE (:recipient IS NULL OR recipient = :recipient)
				  AND (:channel IS NULL OR channel = :channel) AND (:state IS NULL OR state = :state)
				ORDER BY id DESC LIMIT :limit OFFSET :offset
				""")
			.param("recipient", recipient)
			.param("channel", channel)
			.param("state", state)
			.param("limit", limit)
			.param("offset", offset)
			.query(Delivery.class)
			.list();
	}

	public long count(String recipient, String channel, String state) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM delivery WHERE (:recipient IS NULL OR recipient = :recipient)
				  AND (:channel IS NULL OR channel = :channel) AND (:state IS NULL OR state = :state)
				""")
			.param("recipient", recipient)
			.param("channel", channel)
			.param("state", state)
			.query(Long.class)
			.single();
	}

	public List<Attempt> attempts(long deliveryId) {
		return this.jdbc.sql("SELECT * FROM delivery_attempt WHERE delivery_id = :id ORDER BY id")
			.param("id", deliveryId)
			.query(Attempt.class)
			.list();
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 500) ? text : text.substring(0, 500);
	}

	/** A row of {@code delivery_attempt}. */
	public record Attempt(long id, long deliveryId, int attempt, LocalDateTime attemptedAt, Integer statusCode,
			String outcome, String error) {
	}

}
