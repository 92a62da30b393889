package cn.gov.cppcc.proposals.common.security;

import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The checks every decoder of the platform makes of a token's claims (issuer, audience,
 * expiry), and how it reads them: the services' (common), department-service's (the
 * issuer's own) and the gateway's.
 * <p>
 * The issuer is read as the text it is. Spring Security's default first tries to read
 * {@code iss} as a URL, and the platform's issuer is a name, not a URL: the attempt threw
 * and caught an exception on every request (1.7 % of proposal-service's CPU for a
 * proposal read, bench/profile-gateway.sh). The value and the check are the same.
 */
public final class TokenClaims {

	private TokenClaims() {
	}

	/** Issuer, audience and expiry (with Spring Security's default clock skew). */
	public static OAuth2TokenValidator<Jwt> validator(PlatformSecurityProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()),
				new AudienceValidator(properties.audience()));
	}

	/** Spring Security's claim conversion, with the issuer taken as text. */
	public static Converter<Map<String, Object>, Map<String, Object>> claimSetConverter() {
		return MappedJwtClaimSetConverter.withDefaults(Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS,
				(iss) -> (iss != null) ? iss.toString() : null));
	}

	/** Both, on a servlet decoder. */
	public static void apply(NimbusJwtDecoder decoder, PlatformSecurityProperties properties) {
		decoder.setClaimSetConverter(claimSetConverter());
		decoder.setJwtValidator(validator(properties));
	}

}
