package cn.gov.cppcc.proposals.notification.webhook;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Webhook subscriptions and the ADMIN allow list.
 */
@Repository
class WebhookRepository {

	private final JdbcClient jdbc;

	WebhookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String owner, String url, String events, String secret) {
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO webhook_subscription (owner, url, events, secret, enabled, created_at, updated_at)
				VALUES (:owner, :url, :events, :secret, 1, :now, :now)
				""")
			.param("owner", owner)
			.param("url", url)
			.param("events", events)
			.param("secret", secret)
			.param("now", now)
			.update(keys);
		return keys.getKey().longValue();
	}

	Subscription find(long id) {
		return this.jdbc.sql("SELECT * FROM webhook_subscription WHERE id = :id")
			.param("id", id)
			.query(Subscription.class)
			.optional()
			.orElse(null);
	}

	List<Subscription> list(String owner) {
		return this.jdbc.sql("SELECT * FROM webhook_subscription WHERE (:owner IS NULL OR owner = :owner) ORDER BY id")
			.param("owner", owner)
			.query(Subscription.class)
			.list();
	}

	List<Subscription> enabled() {
		return this.jdbc.sql("SELECT * FROM webhook_subscription WHERE enabled = 1 ORDER BY id")
			.query(Subscription.class)
			.list();
	}

	void disable(long id, String reason) {
		this.jdbc.sql("""
				UPDATE webhook_subscription SET enabled = 0, disabled_reason = :reason, updated_at = :now WHERE id = :id
				""").param("reason", reason).param("now", LocalDateTime.now(ZoneOffset.UTC)).param("id", id).update();
	}

	List<String> allowedHosts() {
		return this.jdbc.sql("SELECT host FROM webhook_allowed_host ORDER BY host").query(String.class).list();
	}

	void allowHost(String host, String by) {
		this.jdbc.sql("""
				INSERT IGNORE INTO webhook_allowed_host (host, added_by, added_at) VALUES (:host, :by, :now)
				""").param("host", host).param("by", by).param("now", LocalDateTime.now(ZoneOffset.UTC)).update();
	}

	boolean removeHost(String host) {
		return this.jdbc.sql("DELETE FROM webhook_allowed_host WHERE host = :host").param("host", host).update() == 1;
	}

	/**
	 * Reserve an Idempotency-Key for this owner; the caller's transaction holds it until
	 * commit, so a concurrent request with the same key waits and then finds it.
	 * @return whether it was new
	 */
	boolean reserveKey(String owner, String key, String hash) {
		return this.jdbc.sql("""
				INSERT IGNORE INTO idempotency_record (owner, idem_key, request_hash, created_at)
				VALUES (:owner, :key, :hash, :now)
				""")
			.param("owner", owner)
			.param("key", key)
			.param("hash", hash)
			.param("now", LocalDateTime.now(ZoneOffset.UTC))
			.update() == 1;
	}

	void completeKey(String owner, String key, String resourceId) {
		this.jdbc.sql("UPDATE idempotency_record SET resource_id = :id WHERE owner = :owner AND idem_key = :key")
			.param("id", resourceId)
			.param("owner", owner)
			.param("key", key)
			.update();
	}

	/**
	 * The stored request hash and created resource of a key ({@code [hash, resourceId]}).
	 */
	String[] key(String owner, String key) {
		return this.jdbc
			.sql("SELECT request_hash, resource_id FROM idempotency_record WHERE owner = :owner AND idem_key = :key")
			.param("owner", owner)
			.param("key", key)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.optional()
			.orElse(null);
	}

	/** A row of {@code webhook_subscription}. */
	record Subscription(long id, String owner, String url, String events, String secret, boolean enabled,
			String disabledReason, LocalDateTime createdAt, LocalDateTime updatedAt) {

		List<String> eventList() {
			return List.of(this.events.split(","));
		}

		boolean wants(String type) {
			return eventList().stream().anyMatch((e) -> "*".equals(e) || e.equals(type));
		}

	}

}
