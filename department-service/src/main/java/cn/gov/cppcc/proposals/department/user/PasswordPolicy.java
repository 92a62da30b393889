package cn.gov.cppcc.proposals.department.user;

import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.department.config.IdentityProperties;

/**
 * Password rules (等保 2.0 身份鉴别: 口令复杂度): at least {@code minPasswordLength} (10)
 * characters, at least three of four classes (lower case, upper case, digits, other), and
 * not containing the username.
 */
@Component
class PasswordPolicy {

	private final int minLength;

	PasswordPolicy(IdentityProperties properties) {
		this.minLength = properties.minPasswordLength();
	}

	void check(String username, String password) {
		if (password == null || password.length() < this.minLength || password.length() > 128 || classes(password) < 3
				|| (username != null && password.toLowerCase().contains(username.toLowerCase()))) {
			throw ApiException.badRequest("password-too-weak", this.minLength);
		}
	}

	static int classes(String password) {
		boolean lower = false;
		boolean upper = false;
		boolean digit = false;
		boolean other = false;
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (Character.isLowerCase(c)) {
				lower = true;
			}
			else if (Character.isUpperCase(c)) {
				upper = true;
			}
			else if (Character.isDigit(c)) {
				digit = true;
			}
			else {
				other = true;
			}
		}
		return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}

}
