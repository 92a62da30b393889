package cn.gov.cppcc.proposals.common.config;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.security.CachingJwtDecoder;
import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;
import cn.gov.cppcc.proposals.common.security.ProblemSecurityHandlers;
import cn.gov.cppcc.proposals.common.security.ServiceTokenProvider;
import cn.gov.cppcc.proposals.common.security.TokenClaims;
import cn.gov.cppcc.proposals.common.security.VerifiedTokens;

/**
 * Token verification for every servlet service: the signature against
 * department-service's published keys (found through discovery), issuer, audience and
 * expiry; and this service's own client-credentials token.
 */
@AutoConfiguration(after = PlatformWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ JwtDecoder.class, LoadBalanced.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

	@Bean
	ProblemSecurityHandlers problemSecurityHandlers(Problems problems) {
		return new ProblemSecurityHandlers(problems);
	}

	@Bean
	@LoadBalanced
	RestTemplate platformRestTemplate() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofSeconds(2));
		factory.setReadTimeout(Duration.ofSeconds(5));
		return new RestTemplate(factory);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(PlatformSecurityProperties properties, RestTemplate platformRestTemplate) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
			.restOperations(platformRestTemplate)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		TokenClaims.apply(decoder, properties);
		return cached(decoder, properties);
	}

	/**
	 * The decoder with the tokens it has already verified in front: the same token comes
	 * with every request of a client, and verifying it again each time was ~6 % of a
	 * proposal read's CPU ({@link CachingJwtDecoder}).
	 * @param decoder the real decoder
	 * @param properties {@code platform.security.token-cache}
	 * @return the decoder to use
	 */
	public static JwtDecoder cached(JwtDecoder decoder, PlatformSecurityProperties properties) {
		PlatformSecurityProperties.TokenCache cache = properties.tokenCache();
		return new CachingJwtDecoder(decoder, new VerifiedTokens(cache.ttl(), cache.maxEntries(), Clock.systemUTC()));
	}

	/**
	 * Spring Security's observations off: with an observation registry present it wraps
	 * every filter of its chain, and each authentication and authorization, in an
	 * observation on every request (timers nobody here reads; no tracer is on the class
	 * path). The gateway does the same (its SecurityConfig).
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceTokenProvider serviceTokenProvider(PlatformSecurityProperties properties,
			RestTemplate platformRestTemplate) {
		return new ServiceTokenProvider(platformRestTemplate, "http://department-service/oauth2/token",
				properties.clientId(), properties.clientSecret());
	}

}
