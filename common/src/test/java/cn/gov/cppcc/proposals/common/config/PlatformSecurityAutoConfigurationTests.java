package cn.gov.cppcc.proposals.common.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.security.CachingJwtDecoder;
import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's token decoder keeps the tokens it has verified, as configured.
 */
class PlatformSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformSecurityAutoConfiguration.class))
		.withBean(Problems.class, () -> new Problems(ProblemMessages.create()));

	@Test
	void theServicesDecoderKeepsVerifiedTokensForAMinuteByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(CachingJwtDecoder.class);
			PlatformSecurityProperties.TokenCache cache = context.getBean(PlatformSecurityProperties.class)
				.tokenCache();
			assertThat(cache.ttl()).isEqualTo(Duration.ofSeconds(60));
			assertThat(cache.maxEntries()).isEqualTo(2000);
		});
	}

	@Test
	void theCacheIsConfiguration() {
		this.runner
			.withPropertyValues("platform.security.token-cache.ttl=0s", "platform.security.token-cache.max-entries=5")
			.run((context) -> {
				PlatformSecurityProperties.TokenCache cache = context.getBean(PlatformSecurityProperties.class)
					.tokenCache();
				assertThat(cache.ttl()).isZero();
				assertThat(cache.maxEntries()).isEqualTo(5);
			});
	}

}
