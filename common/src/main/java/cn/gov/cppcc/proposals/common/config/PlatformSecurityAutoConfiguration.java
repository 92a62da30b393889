package cn.gov.cppcc.proposals.common.config;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.security.AudienceValidator;
import cn.gov.cppcc.proposals.common.security.PlatformSecurityProperties;
import cn.gov.cppcc.proposals.common.security.ProblemSecurityHandlers;
import cn.gov.cppcc.proposals.common.security.ServiceTokenProvider;

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
		verifyClaims(decoder, properties);
		return decoder;
	}

	/**
	 * The checks every service makes of a token's claims: issuer, audience, expiry.
	 * <p>
	 * The issuer is read as the text it is. Spring Security's default first tries to read
	 * {@code iss} as a URL, and the platform's issuer is a name, not a URL: the attempt
	 * threw and caught an exception on every request (1.7 % of proposal-service's CPU for
	 * a proposal read, bench/profile-gateway.sh). The value and the check are the same.
	 * @param decoder the decoder to configure
	 * @param properties the expected issuer and audience
	 */
	public static void verifyClaims(NimbusJwtDecoder decoder, PlatformSecurityProperties properties) {
		decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map
			.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, (iss) -> (iss != null) ? iss.toString() : null)));
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()),
						new AudienceValidator(properties.audience())));
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
