package cn.gov.cppcc.proposals.department.client;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.audit.AuditLog;
import cn.gov.cppcc.proposals.department.key.AccessTokens;

/**
 * The OAuth2 client credentials grant (RFC 6749 §4.4): a client authenticates with its id
 * and secret and gets an access token carrying the scopes it asked for, at most those it
 * holds.
 */
@Service
class ClientCredentials {

	private final OAuthClientMapper mapper;

	private final PasswordEncoder encoder;

	private final AccessTokens accessTokens;

	private final AuditLog audit;

	private final String dummyHash;

	ClientCredentials(OAuthClientMapper mapper, PasswordEncoder encoder, AccessTokens accessTokens, AuditLog audit) {
		this.mapper = mapper;
		this.encoder = encoder;
		this.accessTokens = accessTokens;
		this.audit = audit;
		this.dummyHash = encoder.encode("not-a-secret-" + System.nanoTime());
	}

	/**
	 * Issues a token; every attempt, granted or not, is audited as {@code CLIENT_TOKEN}
	 * with the client id as the actor (等保 2.0 安全审计 covers systems as well as people).
	 */
	TokenResponse token(String clientId, String secret, String requestedScope) {
		try {
			TokenResponse response = issue(clientId, secret, requestedScope);
			this.audit.record(actor(clientId), "CLIENT_TOKEN", "CLIENT", clientId, AuditLog.Result.SUCCESS,
					response.scope());
			return response;
		}
		catch (ApiException ex) {
			this.audit.record(actor(clientId), "CLIENT_TOKEN", "CLIENT", clientId, AuditLog.Result.FAILURE,
					ex.getCode());
			throw ex;
		}
	}

	private static CurrentUser actor(String clientId) {
		String id = (clientId == null) ? null : (clientId.length() > 64) ? clientId.substring(0, 64) : clientId;
		return new CurrentUser(id, id, null, Set.of(), null, Set.of(), true);
	}

	private TokenResponse issue(String clientId, String secret, String requestedScope) {
		OAuthClient client = (clientId != null) ? this.mapper.findByClientId(clientId) : null;
		if (client == null) {
			this.encoder.matches((secret != null) ? secret : "", this.dummyHash);
			throw invalidClient();
		}
		if (secret == null || !this.encoder.matches(secret, client.secretHash)
				|| !Boolean.TRUE.equals(client.enabled)) {
			throw invalidClient();
		}
		Set<String> allowed = scopes(client.scopes);
		Set<String> granted;
		if (requestedScope == null || requestedScope.isBlank()) {
			granted = allowed;
		}
		else {
			granted = scopes(requestedScope);
			if (!allowed.containsAll(granted)) {
				throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-scope", List.of(),
						Map.of("error", "invalid_scope"));
			}
		}
		AccessTokens.Issued issued = this.accessTokens.forClient(client.clientId, client.name, granted);
		return new TokenResponse(issued.value(), "Bearer", issued.expiresIn(), String.join(" ", granted));
	}

	static ApiException invalidClient() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "invalid-client", List.of(),
				Map.of("error", "invalid_client"));
	}

	private static Set<String> scopes(String text) {
		return new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
	}

}
