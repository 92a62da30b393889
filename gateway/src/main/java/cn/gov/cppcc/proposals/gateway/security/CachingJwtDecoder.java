package cn.gov.cppcc.proposals.gateway.security;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import cn.gov.cppcc.proposals.common.security.VerifiedTokens;

/**
 * Tokens this gateway has already verified, so that a client that sends the same bearer
 * token with every request has it verified once rather than on every request: that was
 * most of the gateway's CPU per authenticated request (BENCHMARKS.md, "Gateway hop"). The
 * rules (exact token string, successes only, until the earlier of {@code exp} and
 * {@code ttl}, bounded) are {@link VerifiedTokens}'s, shared with the services. The
 * {@code ttl} also bounds how long a token signed by a withdrawn key is still accepted;
 * the key set itself is cached for longer ({@link CachedJwkSource}).
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final VerifiedTokens verified;

	CachingJwtDecoder(ReactiveJwtDecoder delegate, Duration ttl, int maxEntries, Clock clock) {
		this.delegate = delegate;
		this.verified = new VerifiedTokens(ttl, maxEntries, clock);
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		if (!this.verified.enabled()) {
			return this.delegate.decode(token);
		}
		Jwt jwt = this.verified.lookup(token);
		if (jwt != null) {
			return Mono.just(jwt);
		}
		return this.delegate.decode(token).doOnNext((decoded) -> this.verified.remember(token, decoded));
	}

	int size() {
		return this.verified.size();
	}

}
