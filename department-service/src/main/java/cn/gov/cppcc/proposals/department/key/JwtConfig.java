package cn.gov.cppcc.proposals.department.key;

import com.nimbusds.jose.jwk.JWKSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import cn.gov.cppcc.proposals.common.config.PlatformSecurityAutoConfiguration;
import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;
import cn.gov.cppcc.proposals.common.security.TokenClaims;

/**
 * This service is the issuer: it signs with its active key and verifies against its own
 * published keys directly (no HTTP to itself), so common's JWKS-URI decoder is not used.
 * Verification checks the RS256 signature (no other algorithm, never {@code none}),
 * issuer, audience and expiry.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfig {

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signingKey())));
	}

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, PlatformSecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource((selector, context) -> selector.select(keys.publishedKeys()))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		TokenClaims.apply(decoder, properties);
		// a token already verified is not verified again on every request; a withdrawn
		// key's tokens are accepted for at most the cache's ttl
		return PlatformSecurityAutoConfiguration.cached(decoder, properties);
	}

}
