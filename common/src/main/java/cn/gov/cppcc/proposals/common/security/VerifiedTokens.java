package cn.gov.cppcc.proposals.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Bearer tokens already verified (JSON parsing, RS256 signature, claim conversion,
 * issuer/audience/expiry checks), so that a client that sends the same token with every
 * request has it verified once rather than on every request. Used by the gateway's
 * reactive decoder and by every service's {@link CachingJwtDecoder}.
 * <ul>
 * <li>Keyed by the exact token string: any other string — a tampered token, another
 * signature — is not here and goes to the full verification.</li>
 * <li>Only tokens the real decoder accepted are kept; a refusal is never kept.</li>
 * <li>A token is served until the earlier of its {@code exp} and {@code ttl} after it was
 * verified. From its {@code exp} on it goes to the real decoder again, which refuses it
 * (or accepts it within its own clock skew, exactly as without the cache). The
 * {@code ttl} bounds how long a token signed by a key that department-service has since
 * withdrawn is still accepted.</li>
 * <li>Bounded: at {@code maxEntries} the entries past their time are dropped, and if that
 * is not enough the whole cache is cleared (the tokens are then verified again, nothing
 * is refused).</li>
 * <li>{@code ttl} 0 or {@code maxEntries} 0 turns it off.</li>
 * </ul>
 * Access tokens are not revocable by design (logging out revokes the refresh token); a
 * cached token is accepted for no longer than the token itself says.
 */
public final class VerifiedTokens {

	private record Entry(Jwt jwt, long validUntilMillis) {
	}

	private final long ttlMillis;

	private final int maxEntries;

	private final Clock clock;

	private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	public VerifiedTokens(Duration ttl, int maxEntries, Clock clock) {
		this.ttlMillis = ttl.toMillis();
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	/** Whether tokens are kept at all. */
	public boolean enabled() {
		return this.ttlMillis > 0 && this.maxEntries > 0;
	}

	/**
	 * The token as verified earlier, or {@code null} if it was not, or its time is up
	 * (then it is forgotten).
	 */
	public Jwt lookup(String token) {
		Entry entry = this.verified.get(token);
		if (entry == null) {
			return null;
		}
		if (this.clock.millis() < entry.validUntilMillis()) {
			return entry.jwt();
		}
		this.verified.remove(token, entry);
		return null;
	}

	/** Keeps a token the real decoder has just accepted. */
	public void remember(String token, Jwt jwt) {
		if (!enabled()) {
			return;
		}
		long now = this.clock.millis();
		long until = now + this.ttlMillis;
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null) {
			until = Math.min(until, expiresAt.toEpochMilli());
		}
		if (until <= now) {
			return;
		}
		if (this.verified.size() >= this.maxEntries) {
			sweep(now);
			if (this.verified.size() >= this.maxEntries) {
				return;
			}
		}
		this.verified.put(token, new Entry(jwt, until));
	}

	private void sweep(long now) {
		if (!this.sweeping.compareAndSet(false, true)) {
			return;
		}
		try {
			this.verified.values().removeIf((entry) -> entry.validUntilMillis() <= now);
			if (this.verified.size() >= this.maxEntries) {
				this.verified.clear();
			}
		}
		finally {
			this.sweeping.set(false);
		}
	}

	/** How many tokens are kept now. */
	public int size() {
		return this.verified.size();
	}

}
