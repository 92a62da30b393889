package cn.gov.cppcc.proposals.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Tokens this gateway has already verified, so that a client that sends the same bearer
 * token with every request has it verified once (JSON parsing, RS256 signature, claim
 * conversion, issuer/audience/expiry checks) rather than on every request: that was most
 * of the gateway's CPU per authenticated request (BENCHMARKS.md, "Gateway hop").
 * <ul>
 * <li>Keyed by the exact token string: any other string — a tampered token, another
 * signature — is not in the cache and goes to the full verification.</li>
 * <li>Only tokens the delegate accepted are kept; a refusal is never cached.</li>
 * <li>A cached token is used until the earlier of its {@code exp} and {@code ttl} after
 * it was verified. From its {@code exp} on it goes to the delegate again, which refuses
 * it (or accepts it within the delegate's own clock skew, exactly as without the cache).
 * The {@code ttl} bounds how long a token signed by a key that department-service has
 * since withdrawn is still accepted; the key set itself is cached for longer
 * ({@link CachedJwkSource}).</li>
 * <li>Bounded: at {@code maxEntries} the entries past their time are dropped, and if that
 * is not enough the whole cache is cleared (the tokens are then verified again, nothing
 * is refused).</li>
 * </ul>
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

	private record Entry(Jwt jwt, long validUntilMillis) {
	}

	private final ReactiveJwtDecoder delegate;

	private final long ttlMillis;

	private final int maxEntries;

	private final Clock clock;

	private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	CachingJwtDecoder(ReactiveJwtDecoder delegate, Duration ttl, int maxEntries, Clock clock) {
		this.delegate = delegate;
		this.ttlMillis = ttl.toMillis();
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		if (this.ttlMillis <= 0 || this.maxEntries <= 0) {
			return this.delegate.decode(token);
		}
		Entry entry = this.verified.get(token);
		if (entry != null) {
			if (this.clock.millis() < entry.validUntilMillis()) {
				return Mono.just(entry.jwt());
			}
			this.verified.remove(token, entry);
		}
		return this.delegate.decode(token).doOnNext((jwt) -> remember(token, jwt));
	}

	private void remember(String token, Jwt jwt) {
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

	int size() {
		return this.verified.size();
	}

}
