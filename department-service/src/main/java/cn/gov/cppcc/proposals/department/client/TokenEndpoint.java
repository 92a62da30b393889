package cn.gov.cppcc.proposals.department.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;

/**
 * {@code POST /oauth2/token}, form encoded, {@code grant_type=client_credentials}; the
 * client authenticates with HTTP Basic ({@code client_secret_basic}) or form parameters
 * ({@code client_secret_post}).
 */
@RestController
class TokenEndpoint {

	private final ClientCredentials credentials;

	TokenEndpoint(ClientCredentials credentials) {
		this.credentials = credentials;
	}

	@PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<TokenResponse> token(@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(name = "scope", required = false) String scope,
			@RequestParam(name = "client_id", required = false) String formClientId,
			@RequestParam(name = "client_secret", required = false) String formSecret,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		if (!"client_credentials".equals(grantType)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "unsupported-grant-type", List.of(),
					Map.of("error", "unsupported_grant_type"));
		}
		String clientId = formClientId;
		String secret = formSecret;
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String[] pair = basic(authorization.substring(6).trim());
			clientId = pair[0];
			secret = pair[1];
		}
		if (scope != null && scope.length() > 300) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-scope", List.of(),
					Map.of("error", "invalid_scope"));
		}
		TokenResponse token = this.credentials.token(clientId, secret, scope);
		return ResponseEntity.ok().header("Cache-Control", "no-store").header("Pragma", "no-cache").body(token);
	}

	/** RFC 6749 §2.3.1: id and secret are form-url-encoded before Basic encoding. */
	private static String[] basic(String encoded) {
		try {
			String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon <= 0) {
				throw ClientCredentials.invalidClient();
			}
			return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			throw ClientCredentials.invalidClient();
		}
	}

}
