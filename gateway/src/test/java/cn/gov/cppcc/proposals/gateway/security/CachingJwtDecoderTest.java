package cn.gov.cppcc.proposals.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import cn.gov.cppcc.proposals.gateway.TestKeys;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache of verified tokens in front of the real (Nimbus, RS256) decoder: what it
 * saves and what it must never accept.
 */
class CachingJwtDecoderTest {

	static final RSAKey KEY = TestKeys.rsaKey("k1");

	static final RSAKey OTHER_KEY = TestKeys.rsaKey("k1");

	/** A clock the test moves; both the cache and the delegate's expiry check read it. */
	static final class MovableClock extends Clock {

		Instant now = Instant.now();

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public long millis() {
			return this.now.toEpochMilli();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	final MovableClock clock = new MovableClock();

	final AtomicInteger verifications = new AtomicInteger();

	/**
	 * The real decoder (signature, issuer, expiry without clock skew), counting calls.
	 */
	ReactiveJwtDecoder delegate() {
		NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> Flux.fromIterable(new JWKSet(KEY.toPublicJWK()).getKeys()))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
		expiry.setClock(this.clock);
		nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator("issuer")));
		return (token) -> {
			this.verifications.incrementAndGet();
			return nimbus.decode(token);
		};
	}

	CachingJwtDecoder cache(int maxEntries) {
		return new CachingJwtDecoder(delegate(), Duration.ofSeconds(60), maxEntries, this.clock);
	}

	@Test
	void aTokenIsVerifiedOnceThenServedFromTheCache() {
		CachingJwtDecoder decoder = cache(100);
		String token = token(KEY, claims(600).build());
		Jwt first = decoder.decode(token).block();
		Jwt second = decoder.decode(token).block();
		assertThat(second).isSameAs(first);
		assertThat(second.getSubject()).isEqualTo("1001");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void anExpiredTokenIsRefusedEvenWhenCached() {
		CachingJwtDecoder decoder = cache(100);
		String token = token(KEY, claims(30).build());
		assertThat(decoder.decode(token).block()).isNotNull();
		this.clock.now = this.clock.now.plusSeconds(31);
		assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class)
			.hasMessageContaining("expired");
		assertThat(this.verifications).hasValue(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void aCachedTokenIsVerifiedAgainAfterTheTtl() {
		CachingJwtDecoder decoder = cache(100);
		String token = token(KEY, claims(600).build());
		decoder.decode(token).block();
		this.clock.now = this.clock.now.plusSeconds(61);
		decoder.decode(token).block();
		decoder.decode(token).block();
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void badSignaturesAreRefusedAndNeverCached() {
		CachingJwtDecoder decoder = cache(100);
		String good = token(KEY, claims(600).build());
		assertThat(decoder.decode(good).block()).isNotNull();
		String[] parts = good.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"1001\"",
				"\"1\"");
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		String otherKey = token(OTHER_KEY, claims(600).build());
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> decoder.decode(tampered).block()).isInstanceOf(JwtException.class);
			assertThatThrownBy(() -> decoder.decode(otherKey).block()).isInstanceOf(JwtException.class);
		}
		// every attempt went to the full verification; only the good token is kept
		assertThat(this.verifications).hasValue(5);
		assertThat(decoder.size()).isEqualTo(1);
	}

	@Test
	void theCacheIsBounded() {
		CachingJwtDecoder decoder = cache(3);
		for (int i = 0; i < 10; i++) {
			String token = token(KEY, claims(600).subject("user-" + i).build());
			assertThat(decoder.decode(token).block().getSubject()).isEqualTo("user-" + i);
			assertThat(decoder.size()).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void aZeroTtlTurnsTheCacheOff() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(delegate(), Duration.ZERO, 100, this.clock);
		String token = token(KEY, claims(600).build());
		decoder.decode(token).block();
		decoder.decode(token).block();
		assertThat(this.verifications).hasValue(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void aDecoderErrorIsPassedOn() {
		CachingJwtDecoder decoder = new CachingJwtDecoder((token) -> Mono.error(new JwtException("keys unavailable")),
				Duration.ofSeconds(60), 100, this.clock);
		assertThatThrownBy(() -> decoder.decode("x.y.z").block()).hasMessageContaining("keys unavailable");
		assertThat(decoder.size()).isZero();
	}

	JwtClaimsSet.Builder claims(long validSeconds) {
		Instant now = this.clock.now;
		return JwtClaimsSet.builder()
			.issuer("issuer")
			.audience(List.of("proposal-platform"))
			.subject("1001")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(validSeconds));
	}

	static String token(RSAKey key, JwtClaimsSet claims) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}
