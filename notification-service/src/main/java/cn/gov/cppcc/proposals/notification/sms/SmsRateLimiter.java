package cn.gov.cppcc.proposals.notification.sms;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.notification.config.NotificationProperties;

/**
 * Paid channels are limited (issue 6): per recipient and in total, per clock hour,
 * counted in the database so the limit holds across instances. Each send takes a unit
 * from both counters in one transaction (the upsert locks the counter rows); over either
 * limit the transaction rolls back and the SMS is not sent.
 */
@Component
class SmsRateLimiter {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final NotificationProperties properties;

	SmsRateLimiter(JdbcClient jdbc, TransactionTemplate transactions, NotificationProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
	}

	boolean tryAcquire(String recipient) {
		LocalDateTime window = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
		Boolean acquired = this.transactions.execute((status) -> {
			int global = take("global", window);
			int own = take("recipient:" + recipient, window);
			if (global > this.properties.smsGlobalPerHour() || own > this.properties.smsPerRecipientPerHour()) {
				status.setRollbackOnly();
				return false;
			}
			return true;
		});
		return Boolean.TRUE.equals(acquired);
	}

	private int take(String scope, LocalDateTime window) {
		this.jdbc.sql("""
				INSERT INTO sms_rate_counter (scope, window_start, sent) VALUES (:scope, :window, 1)
				ON DUPLICATE KEY UPDATE sent = sent + 1
				""").param("scope", scope).param("window", window).update();
		return this.jdbc.sql("SELECT sent FROM sms_rate_counter WHERE scope = :scope AND window_start = :window")
			.param("scope", scope)
			.param("window", window)
			.query(Integer.class)
			.single();
	}

}
