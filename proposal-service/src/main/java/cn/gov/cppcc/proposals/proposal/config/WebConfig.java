package cn.gov.cppcc.proposals.proposal.config;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The clock, ShedLock (scheduled jobs run on one instance at a time across a cluster) and
 * the audit interceptor.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class WebConfig implements WebMvcConfigurer {

	private final HandlerInterceptor auditInterceptor;

	WebConfig(
			@org.springframework.beans.factory.annotation.Qualifier("auditInterceptor") HandlerInterceptor auditInterceptor) {
		this.auditInterceptor = auditInterceptor;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.auditInterceptor).addPathPatterns("/api/**");
	}

	@Bean
	static Clock clock() {
		return Clock.systemUTC();
	}

}
