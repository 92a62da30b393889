package cn.gov.cppcc.proposals.department.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.MyBatisSystemException;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

import cn.gov.cppcc.proposals.common.database.DatabaseUnavailableException;
import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;
import cn.gov.cppcc.proposals.department.config.IdentityProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The database drill (issue 10) saw GET /me answer 401 while the database was stopped:
 * the signing keys, re-read every 30 s, could not be read, so every token looked invalid.
 * A database outage invalidates no token: the keys read last keep verifying them.
 */
class SigningKeysOutageTest {

	private final SigningKeyMapper mapper = mock(SigningKeyMapper.class);

	@Test
	void tokensStillVerifyWhileTheKeysCannotBeReRead() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		SigningKey row = new SigningKey();
		row.kid = key.getKeyID();
		row.publicJwk = key.toPublicJWK().toJSONString();
		row.privateKey = key.toJSONString();
		row.status = "ACTIVE";
		row.createdAt = Instant.now();
		when(this.mapper.active()).thenReturn(List.of(row));
		when(this.mapper.published(any())).thenReturn(List.of(row));
		SigningKeys keys = new SigningKeys(this.mapper,
				new IdentityProperties(Duration.ofMinutes(15), Duration.ofHours(2), Duration.ofHours(12), 5,
						Duration.ofMinutes(15), Duration.ofMinutes(15), 10),
				mock(PlatformTransactionManager.class), new MockEnvironment());
		keys.afterPropertiesSet();
		JwtConfig config = new JwtConfig();
		String token = config.jwtEncoder(keys)
			.encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
				.issuer("cppcc-proposal-platform")
				.audience(List.of("proposal-platform"))
				.subject("3001")
				.issuedAt(Instant.now())
				.expiresAt(Instant.now().plusSeconds(900))
				.build()))
			.getTokenValue();
		JwtDecoder decoder = config.jwtDecoder(keys,
				new PlatformSecurityProperties("cppcc-proposal-platform", "proposal-platform",
						"http://department-service/oauth2/jwks", null, null,
						new PlatformSecurityProperties.TokenCache(Duration.ofSeconds(60), 2000)));

		// the database stops (as MyBatis reports the watchdog's refusal), and the cache
		// is stale
		when(this.mapper.published(any())).thenThrow(new MyBatisSystemException(new CannotGetJdbcConnectionException(
				"Failed to obtain JDBC Connection", new DatabaseUnavailableException("down"))));
		ReflectionTestUtils.setField(keys, "loadedAt", Instant.EPOCH);
		Jwt jwt = decoder.decode(token);
		assertThat(jwt.getSubject()).isEqualTo("3001");
		assertThat(keys.publishedKeys().getKeyByKeyId("k1")).isNotNull();

		// any other failure of the keys is not hidden
		doThrow(new IllegalStateException("broken row")).when(this.mapper).published(any());
		ReflectionTestUtils.setField(keys, "loadedAt", Instant.EPOCH);
		assertThatThrownBy(keys::publishedKeys).isInstanceOf(IllegalStateException.class);
	}

}
