package cn.gov.cppcc.proposals.department.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OAuth2 token response (RFC 6749 §5.1).
 *
 * @param accessToken the access token
 * @param tokenType {@code Bearer}
 * @param expiresIn seconds
 * @param scope granted scopes, space separated
 */
record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("scope") String scope) {
}
