package cn.gov.cppcc.proposals.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service verifies access tokens, and how a service identifies itself to the
 * others.
 *
 * @param issuer expected {@code iss}
 * @param audience expected {@code aud}
 * @param jwkSetUri where the public keys are (a service name is resolved through
 * discovery)
 * @param clientId this service's own client id, for calls made outside any user request
 * @param clientSecret this service's own client secret (from the environment)
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue("cppcc-proposal-platform") String issuer,
		@DefaultValue("proposal-platform") String audience,
		@DefaultValue("http://department-service/oauth2/jwks") String jwkSetUri, String clientId, String clientSecret) {
}
