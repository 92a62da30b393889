package cn.gov.cppcc.proposals.common.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The claim checks of every token decoder of the platform ({@link TokenClaims}), with the
 * issuer read as text.
 */
class TokenClaimsTests {

	private static final PlatformSecurityProperties PROPERTIES = new PlatformSecurityProperties(
			"cppcc-proposal-platform", "proposal-platform", "http://department-service/oauth2/jwks", null, null,
			new PlatformSecurityProperties.TokenCache(Duration.ZERO, 0));

	private static KeyPair keys;

	private static NimbusJwtDecoder decoder;

	@BeforeAll
	static void decoder() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		keys = generator.generateKeyPair();
		decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
		TokenClaims.apply(decoder, PROPERTIES);
	}

	private static String token(String issuer, String audience, Instant expires) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(List.of(audience))
			.subject("member1")
			.issueTime(Date.from(expires.minusSeconds(600)))
			.expirationTime(Date.from(expires))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		return jwt.serialize();
	}

	@Test
	void acceptsThePlatformsTokenWithTheIssuerAsText() throws Exception {
		Jwt jwt = decoder.decode(token("cppcc-proposal-platform", "proposal-platform", Instant.now().plusSeconds(300)));
		assertThat(jwt.getClaims().get("iss")).isEqualTo("cppcc-proposal-platform");
		assertThat(jwt.getSubject()).isEqualTo("member1");
	}

	@Test
	void refusesAnotherIssuerAnotherAudienceAndAnExpiredToken() throws Exception {
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder
			.decode(token("https://someone-else.example", "proposal-platform", Instant.now().plusSeconds(300))));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder
			.decode(token("cppcc-proposal-platform-2", "proposal-platform", Instant.now().plusSeconds(300))));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(
				() -> decoder.decode(token("cppcc-proposal-platform", "other", Instant.now().plusSeconds(300))));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder
			.decode(token("cppcc-proposal-platform", "proposal-platform", Instant.now().minusSeconds(3600))));
	}

}
