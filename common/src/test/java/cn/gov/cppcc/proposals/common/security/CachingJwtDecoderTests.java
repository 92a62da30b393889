package cn.gov.cppcc.proposals.common.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's cache of verified tokens in front of the real decoder (Nimbus, RS256): what
 * it saves and what it must never accept.
 */
class CachingJwtDecoderTests {

	/**
	 * A clock the test moves; both the cache and the real decoder's expiry check read it.
	 */
	static final class MovableClock extends Clock {

		Instant now = Instant.now();

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	private static KeyPair keys;

	private static KeyPair otherKeys;

	final MovableClock clock = new MovableClock();

	final AtomicInteger verifications = new AtomicInteger();

	@BeforeAll
	static void keys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		keys = generator.generateKeyPair();
		otherKeys = generator.generateKeyPair();
	}

	/**
	 * The real decoder (signature, issuer, expiry without clock skew), counting calls.
	 */
	JwtDecoder delegate() {
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
		JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
		expiry.setClock(this.clock);
		nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator("issuer")));
		return (token) -> {
			this.verifications.incrementAndGet();
			return nimbus.decode(token);
		};
	}

	CachingJwtDecoder decoder(Duration ttl, int maxEntries) {
		return new CachingJwtDecoder(delegate(), new VerifiedTokens(ttl, maxEntries, this.clock));
	}

	@Test
	void aTokenIsVerifiedOnceThenServedFromTheCache() throws Exception {
		CachingJwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);
		String token = token(keys, "1001", 600);
		Jwt first = decoder.decode(token);
		Jwt second = decoder.decode(token);
		assertThat(second).isSameAs(first);
		assertThat(second.getSubject()).isEqualTo("1001");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void anExpiredTokenIsRefusedEvenWhenCached() throws Exception {
		CachingJwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);
		String token = token(keys, "1001", 30);
		assertThat(decoder.decode(token)).isNotNull();
		this.clock.now = this.clock.now.plusSeconds(31);
		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
			.hasMessageContaining("expired");
		assertThat(this.verifications).hasValue(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void aCachedTokenIsVerifiedAgainAfterTheTtl() throws Exception {
		CachingJwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);
		String token = token(keys, "1001", 600);
		decoder.decode(token);
		this.clock.now = this.clock.now.plusSeconds(61);
		decoder.decode(token);
		decoder.decode(token);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void tamperedTokensAndOtherKeysAreRefusedAndNeverCached() throws Exception {
		CachingJwtDecoder decoder = decoder(Duration.ofSeconds(60), 100);
		String good = token(keys, "1001", 600);
		assertThat(decoder.decode(good)).isNotNull();
		String[] parts = good.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"1001\"",
				"\"1\"");
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		String otherKey = token(otherKeys, "1001", 600);
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
			assertThatThrownBy(() -> decoder.decode(otherKey)).isInstanceOf(JwtException.class);
		}
		// every attempt went to the full verification; only the good token is kept
		assertThat(this.verifications).hasValue(5);
		assertThat(decoder.size()).isEqualTo(1);
	}

	@Test
	void theCacheIsBounded() throws Exception {
		CachingJwtDecoder decoder = decoder(Duration.ofSeconds(60), 3);
		for (int i = 0; i < 10; i++) {
			String token = token(keys, "user-" + i, 600);
			assertThat(decoder.decode(token).getSubject()).isEqualTo("user-" + i);
			assertThat(decoder.size()).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void aZeroTtlTurnsTheCacheOff() throws Exception {
		CachingJwtDecoder decoder = decoder(Duration.ZERO, 100);
		String token = token(keys, "1001", 600);
		decoder.decode(token);
		decoder.decode(token);
		assertThat(this.verifications).hasValue(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void theRealDecodersErrorsPassThroughAndAreNotKept() {
		CachingJwtDecoder decoder = new CachingJwtDecoder((token) -> {
			throw new JwtException("keys unavailable");
		}, new VerifiedTokens(Duration.ofSeconds(60), 100, this.clock));
		assertThatThrownBy(() -> decoder.decode("x.y.z")).hasMessageContaining("keys unavailable");
		assertThat(decoder.size()).isZero();
	}

	String token(KeyPair signer, String subject, long validSeconds) throws Exception {
		Instant now = this.clock.now;
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("issuer")
			.audience(List.of("proposal-platform"))
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(validSeconds)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
		return jwt.serialize();
	}

}
