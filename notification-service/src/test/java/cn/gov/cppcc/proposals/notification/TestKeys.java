package cn.gov.cppcc.proposals.notification;

import java.security.interfaces.RSAPublicKey;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Tokens in tests are signed with a test key instead of department-service's.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestKeys {

	@Bean
	JwtDecoder jwtDecoder() {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) IntegrationTest.KEYS.getPublic()).build();
	}

}
