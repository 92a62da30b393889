package cn.gov.cppcc.proposals.common.security;

import java.time.Duration;

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
 * @param tokenCache the tokens already verified, kept so that the same token is not
 * verified again on every request
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue("cppcc-proposal-platform") String issuer,
		@DefaultValue("proposal-platform") String audience,
		@DefaultValue("http://department-service/oauth2/jwks") String jwkSetUri, String clientId, String clientSecret,
		@DefaultValue TokenCache tokenCache) {

	/**
	 * Bearer tokens already verified (signature, issuer, audience, expiry). An entry is
	 * used until the token's {@code exp} or {@code ttl} after it was verified, whichever
	 * comes first ({@link VerifiedTokens}).
	 *
	 * @param ttl the longest a verified token is trusted without being verified again;
	 * also the longest a token signed with a key department-service has withdrawn is
	 * still accepted; 0 turns the cache off
	 * @param maxEntries the most tokens kept; past it the expired ones are dropped, then
	 * all
	 */
	public record TokenCache(@DefaultValue("60s") Duration ttl, @DefaultValue("2000") int maxEntries) {
	}

}
