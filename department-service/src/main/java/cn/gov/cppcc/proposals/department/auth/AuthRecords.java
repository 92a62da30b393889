package cn.gov.cppcc.proposals.department.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the identity endpoints (API.md "Identity").
 */
final class AuthRecords {

	private AuthRecords() {
	}

	/**
	 * {@code POST /api/v1/auth/login}.
	 *
	 * @param username login name
	 * @param password password
	 */
	record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {

		@Override
		public String toString() {
			return "LoginRequest[username=" + this.username + "]";
		}

	}

	/**
	 * {@code POST /api/v1/auth/refresh} and {@code /logout}.
	 *
	 * @param refreshToken the refresh token
	 */
	record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {

		@Override
		public String toString() {
			return "RefreshRequest[***]";
		}

	}

	/**
	 * Answer of login and refresh.
	 *
	 * @param accessToken signed JWT
	 * @param refreshToken opaque, single use
	 * @param tokenType always {@code Bearer}
	 * @param expiresIn access token lifetime in seconds
	 * @param refreshExpiresIn seconds until the refresh token's idle limit
	 */
	record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {
	}

}
