package cn.gov.cppcc.proposals.department.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.error.ApiException;

/**
 * {@code Idempotency-Key} on creating writes (API.md): the key is claimed with a unique
 * row (key, caller) before the work runs and outside its transaction; the same key and
 * body again replays the stored answer, another body is 422
 * {@code idempotency-key-reused}, the same key while the first request still runs is 409
 * {@code idempotency-key-in-progress}. A failed request frees its key. Keys are kept for
 * a day.
 */
@Component
public class Idempotency {

	public static final String HEADER = "Idempotency-Key";

	private static final Duration KEEP = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	Idempotency(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Runs a create once per key.
	 * @param <T> answer body type
	 * @param key the {@code Idempotency-Key}, or {@code null} to just run the work
	 * @param caller who asks (keys are per caller)
	 * @param fingerprint what identifies the request body (never a password)
	 * @param work the create
	 * @return the first answer, or the work's answer
	 */
	public <T> ResponseEntity<Object> execute(String key, String caller, Object fingerprint,
			Supplier<ResponseEntity<T>> work) {
		if (key == null) {
			return widen(work.get());
		}
		if (key.isBlank() || key.length() > 128) {
			throw ApiException.badRequest("invalid-idempotency-key");
		}
		String hash = sha256(this.json.writeValueAsString(fingerprint));
		try {
			this.jdbc.update("INSERT INTO idempotency_key (idem_key, caller, request_hash, status, created_at) "
					+ "VALUES (?, ?, ?, 'IN_PROGRESS', ?)", key, caller, hash, Timestamp.from(Instant.now()));
		}
		catch (DuplicateKeyException ex) {
			return replay(key, caller, hash);
		}
		ResponseEntity<T> answer;
		try {
			answer = work.get();
		}
		catch (RuntimeException ex) {
			this.jdbc.update("DELETE FROM idempotency_key WHERE idem_key = ? AND caller = ?", key, caller);
			throw ex;
		}
		this.jdbc.update(
				"UPDATE idempotency_key SET status = 'DONE', response_status = ?, response_body = ?, location = ?, "
						+ "etag = ? WHERE idem_key = ? AND caller = ?",
				answer.getStatusCode().value(), this.json.writeValueAsString(answer.getBody()),
				answer.getHeaders().getFirst(HttpHeaders.LOCATION), answer.getHeaders().getFirst(HttpHeaders.ETAG), key,
				caller);
		return widen(answer);
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<Object> widen(ResponseEntity<?> answer) {
		return (ResponseEntity<Object>) answer;
	}

	private ResponseEntity<Object> replay(String key, String caller, String hash) {
		record Row(String hash, String status, Integer responseStatus, String body, String location, String etag) {
		}
		Row row = this.jdbc
			.query("SELECT request_hash, status, response_status, response_body, location, etag FROM idempotency_key "
					+ "WHERE idem_key = ? AND caller = ?",
					(rs, n) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
							rs.getString(5), rs.getString(6)),
					key, caller)
			.stream()
			.findFirst()
			.orElseThrow(() -> ApiException.conflict("idempotency-key-in-progress"));
		if (!row.hash().equals(hash)) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
		}
		if (!"DONE".equals(row.status())) {
			throw ApiException.conflict("idempotency-key-in-progress");
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(row.responseStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotent-Replayed", "true");
		if (row.location() != null) {
			builder.header(HttpHeaders.LOCATION, row.location());
		}
		if (row.etag() != null) {
			builder.header(HttpHeaders.ETAG, row.etag());
		}
		return builder.body(row.body());
	}

	@Scheduled(cron = "${platform.idempotency.prune-cron:0 20 * * * *}")
	@SchedulerLock(name = "department-idempotency-prune", lockAtMostFor = "PT10M")
	void prune() {
		this.jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?", Timestamp.from(Instant.now().minus(KEEP)));
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
