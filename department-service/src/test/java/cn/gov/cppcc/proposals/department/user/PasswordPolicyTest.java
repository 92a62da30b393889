package cn.gov.cppcc.proposals.department.user;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.department.config.IdentityProperties;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy(new IdentityProperties(Duration.ofMinutes(15),
			Duration.ofHours(2), Duration.ofHours(12), 5, Duration.ofMinutes(15), Duration.ofMinutes(15), 10));

	@Test
	void tenCharactersAndThreeClasses() {
		assertThatCode(() -> this.policy.check("someone", "Abcdefgh12")).doesNotThrowAnyException();
		assertThatCode(() -> this.policy.check("someone", "abcdefgh1!")).doesNotThrowAnyException();
		assertThatCode(() -> this.policy.check("someone", "政协提案Abc123")).doesNotThrowAnyException();
	}

	@Test
	void weakPasswordsAreRefused() {
		for (String weak : new String[] { "Abcdef12!", "abcdefghijkl", "abcdefgh1234", "ABCDEFGH1234",
				"xSomeone-2026" }) {
			assertThatThrownBy(() -> this.policy.check("someone", weak)).isInstanceOf(ApiException.class)
				.hasMessage("password-too-weak");
		}
	}

}
