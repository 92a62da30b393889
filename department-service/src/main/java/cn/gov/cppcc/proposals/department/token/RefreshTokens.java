package cn.gov.cppcc.proposals.department.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.department.config.IdentityProperties;

/**
 * Rotating refresh tokens (issue 3): opaque random values, stored hashed, each usable
 * once. Every token descends from one login (its family); presenting a token that was
 * already used revokes the whole family, because either the owner or a thief holds a
 * copy. Idle limit: a token expires {@code refreshIdle} after it was issued; absolute
 * limit: no token of a family outlives {@code refreshAbsolute} after the login.
 */
@Service
public class RefreshTokens {

	/** Result of presenting a refresh token. */
	public enum Outcome {

		/** A new token replaced it. */
		ROTATED,
		/** Not a token we issued. */
		UNKNOWN,
		/** Past its idle or absolute limit. */
		EXPIRED,
		/** Revoked (logout, password change, disabled account). */
		REVOKED,
		/** Already used: the family has now been revoked. */
		REUSED

	}

	/**
	 * The answer of {@link #rotate}.
	 *
	 * @param outcome what happened
	 * @param userId owner, when known
	 * @param familyId family, when known
	 * @param newToken the replacement, when rotated
	 */
	public record Rotation(Outcome outcome, Long userId, String familyId, String newToken) {
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RefreshTokenMapper mapper;

	private final IdentityProperties properties;

	private final TransactionTemplate tx;

	RefreshTokens(RefreshTokenMapper mapper, IdentityProperties properties, PlatformTransactionManager transactions) {
		this.mapper = mapper;
		this.properties = properties;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * A new family for a fresh login.
	 * @param userId the user
	 * @return the raw token, shown to the client once
	 */
	public String issue(long userId) {
		Instant now = Instant.now();
		return insert(userId, UUID.randomUUID().toString(), now, now.plus(this.properties.refreshAbsolute()));
	}

	/**
	 * Uses a token once and issues its successor in the same family. Commits on its own
	 * so that a detected reuse stays revoked even though the caller then fails the
	 * request.
	 * @param raw the presented token
	 * @return the outcome
	 */
	public Rotation rotate(String raw) {
		return this.tx.execute((status) -> {
			RefreshToken token = this.mapper.findByHash(hash(raw));
			if (token == null) {
				return new Rotation(Outcome.UNKNOWN, null, null, null);
			}
			Instant now = Instant.now();
			if (token.revokedAt != null) {
				if ("ROTATED".equals(token.revokeReason)) {
					this.mapper.revokeFamily(token.familyId, now, "REUSE_DETECTED");
					return new Rotation(Outcome.REUSED, token.userId, token.familyId, null);
				}
				return new Rotation(Outcome.REVOKED, token.userId, token.familyId, null);
			}
			if (now.isAfter(token.idleExpiresAt) || now.isAfter(token.absoluteExpiresAt)) {
				return new Rotation(Outcome.EXPIRED, token.userId, token.familyId, null);
			}
			if (this.mapper.markRotated(token.id, now) == 0) {
				this.mapper.revokeFamily(token.familyId, now, "REUSE_DETECTED");
				return new Rotation(Outcome.REUSED, token.userId, token.familyId, null);
			}
			String next = insert(token.userId, token.familyId, now, token.absoluteExpiresAt);
			return new Rotation(Outcome.ROTATED, token.userId, token.familyId, next);
		});
	}

	/**
	 * Logout: revokes the family of the given token if it belongs to the user.
	 * @param raw the token
	 * @param userId the signed-in user
	 * @return whether a token of the user was found
	 */
	public boolean revoke(String raw, long userId) {
		RefreshToken token = this.mapper.findByHash(hash(raw));
		if (token == null || token.userId != userId) {
			return false;
		}
		this.mapper.revokeFamily(token.familyId, Instant.now(), "LOGOUT");
		return true;
	}

	public void revokeFamily(String familyId, String reason) {
		this.mapper.revokeFamily(familyId, Instant.now(), reason);
	}

	public int revokeAllForUser(long userId, String reason) {
		return this.mapper.revokeUser(userId, Instant.now(), reason);
	}

	/**
	 * Expired tokens have no use left, not even for reuse detection, after their absolute
	 * limit.
	 */
	@Scheduled(cron = "${platform.identity.refresh-prune-cron:0 10 * * * *}")
	@SchedulerLock(name = "department-refresh-token-prune", lockAtMostFor = "PT10M")
	void pruneExpired() {
		Instant before = Instant.now().minus(Duration.ofDays(1));
		while (this.mapper.deleteExpired(before) > 0) {
			// batches of 5000
		}
	}

	private String insert(long userId, String family, Instant now, Instant absoluteExpiry) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		RefreshToken token = new RefreshToken();
		token.tokenHash = hash(raw);
		token.familyId = family;
		token.userId = userId;
		token.issuedAt = now;
		Instant idle = now.plus(this.properties.refreshIdle());
		token.idleExpiresAt = idle.isBefore(absoluteExpiry) ? idle : absoluteExpiry;
		token.absoluteExpiresAt = absoluteExpiry;
		this.mapper.insert(token);
		return raw;
	}

	static String hash(String raw) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
