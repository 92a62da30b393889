package cn.gov.cppcc.proposals.proposal.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * {@code Idempotency-Key} on creating writes (API.md): the key is claimed with a unique
 * row (key, caller) before the work runs; the same key and body again replays the stored
 * answer, another body is 422 {@code idempotency-key-reused}, the same key while the
 * first request still runs is 409 {@code idempotency-key-in-progress}. A failed request
 * frees its key.
 */
@Component
public class Idempotency {

	private static final java.time.Duration ABANDONED = java.time.Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Idempotency(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * The stored answer.
	 *
	 * @param status HTTP status
	 * @param body JSON body
	 * @param location Location header, if any
	 * @param etag ETag header, if any
	 */
	public record Answer(int status, String body, String location, String etag) {

		public ResponseEntity<Object> toResponse(boolean replayed) {
			ResponseEntity.BodyBuilder builder = ResponseEntity.status(this.status)
				.contentType(MediaType.APPLICATION_JSON);
			if (this.location != null) {
				builder.header(HttpHeaders.LOCATION, this.location);
			}
			if (this.etag != null) {
				builder.header(HttpHeaders.ETAG, this.etag);
			}
			if (replayed) {
				builder.header("Idempotent-Replayed", "true");
			}
			return builder.body(this.body);
		}

	}

	public ResponseEntity<Object> execute(String key, String caller, String requestBody, Supplier<Answer> work) {
		if (key == null) {
			return work.get().toResponse(false);
		}
		if (key.isBlank() || key.length() > 128) {
			throw ApiException.badRequest("invalid-idempotency-key");
		}
		String hash = sha256(requestBody);
		try {
			this.jdbc.sql("""
					INSERT INTO idempotency_key (idem_key, caller, request_hash, status, created_at)
					VALUES (?, ?, ?, 'IN_PROGRESS', ?)""")
				.params(key, caller, hash, Db.ts(this.clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			if (!takeOverAbandoned(key, caller, hash)) {
				return replay(key, caller, hash);
			}
		}
		Answer answer;
		try {
			// the work and its stored answer commit together: a process killed between
			// the two would otherwise leave a committed write behind a key still
			// IN_PROGRESS, and the retry after ABANDONED would do the work a second time
			// (a duplicate draft)
			answer = this.transactions.execute((status) -> {
				Answer done = work.get();
				this.jdbc.sql("""
						UPDATE idempotency_key SET status = 'DONE', response_status = ?, response_body = ?, location = ?
						WHERE idem_key = ? AND caller = ?""")
					.params(done.status(), done.body(), done.location(), key, caller)
					.update();
				return done;
			});
		}
		catch (RuntimeException ex) {
			this.jdbc.sql("DELETE FROM idempotency_key WHERE idem_key = ? AND caller = ?").params(key, caller).update();
			throw ex;
		}
		return answer.toResponse(false);
	}

	/**
	 * A key left IN_PROGRESS by a process that died mid-request would block its caller
	 * forever: after {@link #ABANDONED} it is claimed again (atomically, by one request).
	 */
	private boolean takeOverAbandoned(String key, String caller, String hash) {
		java.time.Instant now = this.clock.instant();
		return this.jdbc.sql("""
				UPDATE idempotency_key SET created_at = ? WHERE idem_key = ? AND caller = ? AND request_hash = ?
				AND status = 'IN_PROGRESS' AND created_at < ?""")
			.params(Db.ts(now), key, caller, hash, Db.ts(now.minus(ABANDONED)))
			.update() == 1;
	}

	private ResponseEntity<Object> replay(String key, String caller, String hash) {
		record Row(String hash, String status, Integer responseStatus, String body, String location) {
		}
		Row row = this.jdbc.sql("""
				SELECT request_hash, status, response_status, response_body, location FROM idempotency_key
				WHERE idem_key = ? AND caller = ?""")
			.params(key, caller)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
					rs.getString(5)))
			.optional()
			.orElseThrow(() -> ApiException.conflict("idempotency-key-in-progress"));
		if (!row.hash().equals(hash)) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
		}
		if (!"DONE".equals(row.status())) {
			throw ApiException.conflict("idempotency-key-in-progress");
		}
		return new Answer(row.responseStatus(), row.body(), row.location(), null).toResponse(true);
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
