package cn.gov.cppcc.proposals.department.user;

import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the account endpoints (ADMIN).
 */
final class UserRequests {

	private UserRequests() {
	}

	/**
	 * {@code POST /api/v1/users}.
	 *
	 * @param username login name
	 * @param password initial password (password rules apply)
	 * @param displayName name shown
	 * @param roles roles
	 * @param unitId unit, required for unit staff and only for them
	 * @param sector 界别 of a member
	 * @param phone mobile number
	 * @param email email
	 * @param idNumber ID card number (optional)
	 * @param enabled enabled (default true)
	 */
	record Create(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}") String username,
			@NotNull @Size(max = 128) String password, @NotBlank @Size(max = 64) String displayName,
			@NotEmpty @Size(max = 6) Set<@NotNull Role> roles, @Positive Long unitId, @Size(max = 64) String sector,
			@Pattern(regexp = "\\+?[0-9-]{5,20}") String phone, @Email @Size(max = 128) String email,
			@Pattern(regexp = "[0-9]{15}|[0-9]{17}[0-9Xx]") String idNumber, Boolean enabled) {
	}

	/**
	 * {@code PUT /api/v1/users/{id}}: the whole account except the username; a new
	 * password only when {@code password} is given.
	 *
	 * @param password new password, or {@code null} to keep it
	 * @param displayName name shown
	 * @param roles roles
	 * @param unitId unit
	 * @param sector sector
	 * @param phone phone
	 * @param email email
	 * @param idNumber ID card number
	 * @param enabled enabled; disabling revokes the refresh tokens
	 */
	record Update(@Size(max = 128) String password, @NotBlank @Size(max = 64) String displayName,
			@NotEmpty @Size(max = 6) Set<@NotNull Role> roles, @Positive Long unitId, @Size(max = 64) String sector,
			@Pattern(regexp = "\\+?[0-9-]{5,20}") String phone, @Email @Size(max = 128) String email,
			@Pattern(regexp = "[0-9]{15}|[0-9]{17}[0-9Xx]") String idNumber, @NotNull Boolean enabled) {
	}

}
