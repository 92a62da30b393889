package cn.gov.cppcc.proposals.common.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A service's token decoder with the tokens it has already verified in front
 * ({@link VerifiedTokens}): the gateway verifies a token and passes it on, and each
 * service verified it again on every request (Nimbus parsing and the RSA signature, ~6 %
 * of proposal-service's CPU for a proposal read, BENCHMARKS.md). Refusals and errors of
 * the real decoder pass through unchanged and are never kept.
 */
public final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final VerifiedTokens verified;

	public CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
		this.delegate = delegate;
		this.verified = verified;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (!this.verified.enabled()) {
			return this.delegate.decode(token);
		}
		Jwt jwt = this.verified.lookup(token);
		if (jwt != null) {
			return jwt;
		}
		jwt = this.delegate.decode(token);
		this.verified.remember(token, jwt);
		return jwt;
	}

	int size() {
		return this.verified.size();
	}

}
