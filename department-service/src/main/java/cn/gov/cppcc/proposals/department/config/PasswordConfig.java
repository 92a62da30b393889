package cn.gov.cppcc.proposals.department.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords and client secrets are stored with an adaptive hash: Spring Security's
 * delegating encoder (bcrypt today, {@code {id}} prefix so the algorithm can change
 * later).
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfig {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
