package cn.gov.cppcc.proposals.common.config;

import feign.codec.ErrorDecoder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import cn.gov.cppcc.proposals.common.feign.PlatformFeignInterceptor;
import cn.gov.cppcc.proposals.common.feign.ProblemErrorDecoder;
import cn.gov.cppcc.proposals.common.security.ServiceTokenProvider;

/**
 * Request id, identity and problem decoding for every Feign client of a servlet service.
 */
@AutoConfiguration(after = PlatformSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "feign.RequestInterceptor")
public class PlatformFeignAutoConfiguration {

	@Bean
	PlatformFeignInterceptor platformFeignInterceptor(ObjectProvider<ServiceTokenProvider> serviceTokens) {
		return new PlatformFeignInterceptor(serviceTokens.getIfAvailable());
	}

	@Bean
	ErrorDecoder problemErrorDecoder() {
		return new ProblemErrorDecoder();
	}

}
