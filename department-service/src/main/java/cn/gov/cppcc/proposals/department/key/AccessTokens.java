package cn.gov.cppcc.proposals.department.key;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;
import cn.gov.cppcc.proposals.department.config.IdentityProperties;

/**
 * Mints access tokens with the claims of docs/DEVELOPING.md ("Access tokens"):
 * {@code iss}, {@code aud}, {@code sub}, {@code preferred_username}, {@code name},
 * {@code roles}, {@code unit_id} (unit staff), {@code scope} (clients),
 * {@code token_kind}, {@code jti}, {@code iat}, {@code exp}.
 */
@Service
public class AccessTokens {

	/**
	 * A signed access token.
	 *
	 * @param value the compact JWT
	 * @param expiresIn seconds until it expires
	 */
	public record Issued(String value, long expiresIn) {
	}

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final PlatformSecurityProperties security;

	private final IdentityProperties identity;

	AccessTokens(JwtEncoder encoder, SigningKeys keys, PlatformSecurityProperties security,
			IdentityProperties identity) {
		this.encoder = encoder;
		this.keys = keys;
		this.security = security;
		this.identity = identity;
	}

	public Issued forUser(long userId, String username, String name, Collection<String> roles, Long unitId) {
		JwtClaimsSet.Builder claims = base(String.valueOf(userId)).claim(CurrentUser.CLAIM_USERNAME, username)
			.claim(CurrentUser.CLAIM_NAME, name)
			.claim(CurrentUser.CLAIM_ROLES, List.copyOf(roles))
			.claim(CurrentUser.CLAIM_TOKEN_KIND, "user");
		if (unitId != null) {
			claims.claim(CurrentUser.CLAIM_UNIT, String.valueOf(unitId));
		}
		return sign(claims);
	}

	public Issued forClient(String clientId, String name, Collection<String> scopes) {
		JwtClaimsSet.Builder claims = base(clientId).claim(CurrentUser.CLAIM_USERNAME, clientId)
			.claim(CurrentUser.CLAIM_NAME, name)
			.claim(CurrentUser.CLAIM_ROLES, List.of())
			.claim("scope", String.join(" ", scopes))
			.claim(CurrentUser.CLAIM_TOKEN_KIND, "client");
		return sign(claims);
	}

	private JwtClaimsSet.Builder base(String subject) {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(subject)
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.expiresAt(now.plus(this.identity.accessTokenTtl()));
	}

	private Issued sign(JwtClaimsSet.Builder claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.signingKey().getKeyID()).build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
		return new Issued(value, this.identity.accessTokenTtl().toSeconds());
	}

}
