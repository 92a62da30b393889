package cn.gov.cppcc.proposals.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, read from the verified access token: a person (roles, unit) or an
 * integrating client (scopes).
 *
 * @param id user id, or the client id for a client
 * @param username login name (client id for a client)
 * @param name display name
 * @param roles roles without prefix, e.g. {@code MEMBER}
 * @param unitId the handling unit of unit staff, else {@code null}
 * @param scopes scopes of a client token
 * @param client whether this is an integrating system or a service rather than a person
 */
public record CurrentUser(String id, String username, String name, Set<String> roles, String unitId, Set<String> scopes,
		boolean client) {

	public static final String CLAIM_ROLES = "roles";

	public static final String CLAIM_UNIT = "unit_id";

	public static final String CLAIM_NAME = "name";

	public static final String CLAIM_USERNAME = "preferred_username";

	public static final String CLAIM_TOKEN_KIND = "token_kind";

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	public boolean hasAnyRole(String... candidates) {
		for (String role : candidates) {
			if (this.roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	public static CurrentUser from(Jwt jwt) {
		Set<String> roles = Set.copyOf(strings(jwt.getClaim(CLAIM_ROLES)));
		String scope = jwt.getClaimAsString("scope");
		Set<String> scopes = (scope == null || scope.isBlank()) ? Set.of() : Set.of(scope.trim().split("\\s+"));
		boolean client = "client".equals(jwt.getClaimAsString(CLAIM_TOKEN_KIND));
		String username = jwt.getClaimAsString(CLAIM_USERNAME);
		return new CurrentUser(jwt.getSubject(), (username != null) ? username : jwt.getSubject(),
				jwt.getClaimAsString(CLAIM_NAME), roles, jwt.getClaimAsString(CLAIM_UNIT), scopes, client);
	}

	/**
	 * The caller of the current request, if it was authenticated with a token.
	 * @return the caller or {@code null}
	 */
	public static CurrentUser current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return from(token.getToken());
		}
		return null;
	}

	private static Collection<String> strings(Object claim) {
		if (claim instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		if (claim instanceof String value && !value.isBlank()) {
			return List.of(value.split(","));
		}
		return List.of();
	}

}
