package cn.gov.cppcc.proposals.department.key;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tokens that are expired, signed with another key, unsigned, for another audience, from
 * another issuer or tampered with are refused with a 401 problem; key rotation keeps
 * earlier tokens valid.
 */
class TokenVerificationTest extends IntegrationTest {

	@Autowired
	SigningKeys keys;

	@Test
	void accessTokenCarriesTheDocumentedClaims() throws Exception {
		String token = login("leader-gxt");
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(header, "$.alg")).isEqualTo("RS256");
		assertThat((String) JsonPath.read(header, "$.kid")).isNotBlank();
		assertThat((String) JsonPath.read(payload, "$.iss")).isEqualTo("cppcc-proposal-platform");
		// RFC 7519 §4.1.3: a single audience may be a string (Nimbus writes it so);
		// verifiers accept both
		Object aud = JsonPath.read(payload, "$.aud");
		assertThat((aud instanceof List<?> list) ? list : List.of(aud)).containsExactly("proposal-platform");
		assertThat((String) JsonPath.read(payload, "$.sub")).isEqualTo("3002");
		assertThat((String) JsonPath.read(payload, "$.preferred_username")).isEqualTo("leader-gxt");
		assertThat((String) JsonPath.read(payload, "$.name")).isEqualTo("刘志强");
		assertThat((List<String>) JsonPath.read(payload, "$.roles")).containsExactly("UNIT_LEADER");
		assertThat((String) JsonPath.read(payload, "$.unit_id")).isEqualTo("2");
		assertThat((String) JsonPath.read(payload, "$.token_kind")).isEqualTo("user");
		assertThat((String) JsonPath.read(payload, "$.jti")).isNotBlank();
		long iat = ((Number) JsonPath.read(payload, "$.iat")).longValue();
		long exp = ((Number) JsonPath.read(payload, "$.exp")).longValue();
		assertThat(exp - iat).isEqualTo(900);
	}

	@Test
	void expiredTokenIsRefused() throws Exception {
		Instant past = Instant.now().minusSeconds(3600);
		assertRefused(sign(this.keys.signingKey(),
				claims("proposal-platform", "cppcc-proposal-platform").issuedAt(past.minusSeconds(900))
					.expiresAt(past)
					.build()));
	}

	@Test
	void tokenSignedWithAnotherKeyIsRefused() throws Exception {
		RSAKey other = new RSAKeyGenerator(2048).keyID(this.keys.signingKey().getKeyID()).generate();
		assertRefused(sign(other, claims("proposal-platform", "cppcc-proposal-platform").build()));
	}

	@Test
	void unsignedTokenIsRefused() throws Exception {
		String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		long now = Instant.now().getEpochSecond();
		String payload = b64("{\"iss\":\"cppcc-proposal-platform\",\"aud\":[\"proposal-platform\"],\"sub\":\"9001\","
				+ "\"roles\":[\"ADMIN\"],\"token_kind\":\"user\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
		assertRefused(header + "." + payload + ".");
	}

	@Test
	void wrongAudienceOrIssuerIsRefused() throws Exception {
		assertRefused(sign(this.keys.signingKey(), claims("another-platform", "cppcc-proposal-platform").build()));
		assertRefused(sign(this.keys.signingKey(), claims("proposal-platform", "somebody-else").build()));
	}

	@Test
	void tamperedTokenIsRefused() throws Exception {
		String[] parts = login("member1").split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"MEMBER\"", "\"ADMIN\"");
		assertRefused(parts[0] + "." + b64(payload) + "." + parts[2]);
	}

	@Test
	void aWellSignedTestTokenIsAccepted() throws Exception {
		// the control for the refusals above: the same minting with the right key,
		// audience and issuer works
		this.mvc
			.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION,
					bearer(sign(this.keys.signingKey(),
							claims("proposal-platform", "cppcc-proposal-platform").build()))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("admin"));
	}

	@Test
	void jwksIsOpenAndPublishesOnlyPublicKeys() throws Exception {
		for (String path : List.of("/oauth2/jwks", "/.well-known/jwks.json")) {
			this.mvc.perform(get(path))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.keys[0].kty").value("RSA"))
				.andExpect(jsonPath("$.keys[0].kid").isNotEmpty())
				.andExpect(jsonPath("$.keys[0].n").isNotEmpty())
				.andExpect(jsonPath("$.keys[0].d").doesNotExist())
				.andExpect(jsonPath("$.keys[0].p").doesNotExist());
		}
	}

	@Test
	void rotationKeepsEarlierTokensValidAndPublishesBothKeys() throws Exception {
		String before = login("member2");
		String oldKid = this.keys.signingKey().getKeyID();
		this.mvc.perform(post("/api/v1/admin/signing-keys/rotate").header(HttpHeaders.AUTHORIZATION, bearer(before)))
			.andExpect(status().isForbidden());
		String admin = login("admin");
		String newKid = JsonPath.read(this.mvc
			.perform(post("/api/v1/admin/signing-keys/rotate").header(HttpHeaders.AUTHORIZATION, bearer(admin)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.activeKid");
		assertThat(newKid).isNotEqualTo(oldKid);
		this.mvc.perform(get("/oauth2/jwks"))
			.andExpect(jsonPath("$.keys[?(@.kid == '" + oldKid + "')]").exists())
			.andExpect(jsonPath("$.keys[?(@.kid == '" + newKid + "')]").exists());
		// signed before the rotation, still accepted; new tokens carry the new key id
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(before)))
			.andExpect(status().isOk());
		String after = login("member2");
		String header = new String(Base64.getUrlDecoder().decode(after.split("\\.")[0]), StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(header, "$.kid")).isEqualTo(newKid);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(after))).andExpect(status().isOk());
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'SIGNING_KEY_ROTATE' AND result = 'SUCCESS'",
				Integer.class))
			.isGreaterThanOrEqualTo(1);
	}

	private void assertRefused(String token) throws Exception {
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("unauthorized"))
			.andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE));
	}

	private static JwtClaimsSet.Builder claims(String audience, String issuer) {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.issuer(issuer)
			.audience(List.of(audience))
			.subject("9001")
			.claim("preferred_username", "admin")
			.claim("roles", List.of("ADMIN"))
			.claim("token_kind", "user")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600));
	}

	private static String sign(RSAKey key, JwtClaimsSet claims) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private static String b64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
