package cn.gov.cppcc.proposals.notification.inbox;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The in-app inbox: insert-or-ignore per (event, recipient), own rows only for reading.
 */
@Repository
public class InboxRepository {

	private final JdbcClient jdbc;

	InboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean add(String eventId, String recipientId, String kind, String eventType, String proposalId,
			String title, String body) {
		return this.jdbc.sql("""
				INSERT IGNORE INTO notification (event_id, recipient_id, kind, event_type, proposal_id, title, body,
				  created_at)
				VALUES (:eventId, :recipient, :kind, :type, :proposal, :title, :body, :now)
				""")
			.param("eventId", eventId)
			.param("recipient", recipientId)
			.param("kind", kind)
			.param("type", eventType)
			.param("proposal", proposalId)
			.param("title", title)
			.param("body", body)
			.param("now", LocalDateTime.now(ZoneOffset.UTC))
			.update() == 1;
	}

	List<NotificationRow> page(String recipientId, boolean unreadOnly, int offset, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM notification WHERE recipient_id = :r AND (:unread = FALSE OR read_at IS NULL)
				ORDER BY id DESC LIMIT :limit OFFSET :offset
				""")
			.param("r", recipientId)
			.param("unread", unreadOnly)
			.param("limit", limit)
			.param("offset", offset)
			.query(NotificationRow.class)
			.list();
	}

	long count(String recipientId, boolean unreadOnly) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM notification WHERE recipient_id = :r AND (:unread = FALSE OR read_at IS NULL)")
			.param("r", recipientId)
			.param("unread", unreadOnly)
			.query(Long.class)
			.single();
	}

	NotificationRow findOwn(long id, String recipientId) {
		return this.jdbc.sql("SELECT * FROM notification WHERE id = :id AND recipient_id = :r")
			.param("id", id)
			.param("r", recipientId)
			.query(NotificationRow.class)
			.optional()
			.orElse(null);
	}

	void markRead(long id, String recipientId) {
		this.jdbc.sql("""
				UPDATE notification SET read_at = :now WHERE id = :id AND recipient_id = :r AND read_at IS NULL
				""").param("now", LocalDateTime.now(ZoneOffset.UTC)).param("id", id).param("r", recipientId).update();
	}

	/** New notifications of one person after the given id (SSE streams). */
	public List<NotificationRow> after(String recipientId, long afterId, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM notification WHERE recipient_id = :r AND id > :after ORDER BY id LIMIT :limit
				""")
			.param("r", recipientId)
			.param("after", afterId)
			.param("limit", limit)
			.query(NotificationRow.class)
			.list();
	}

	public long lastId(String recipientId) {
		return this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM notification WHERE recipient_id = :r")
			.param("r", recipientId)
			.query(Long.class)
			.single();
	}

	public List<NotificationRow> byEvent(String eventId) {
		return this.jdbc.sql("SELECT * FROM notification WHERE event_id = :e ORDER BY id")
			.param("e", eventId)
			.query(NotificationRow.class)
			.list();
	}

	/** A row of {@code notification} (times UTC). */
	public record NotificationRow(long id, String eventId, String recipientId, String kind, String eventType,
			String proposalId, String title, String body, LocalDateTime createdAt, LocalDateTime readAt) {
	}

}
