package cn.gov.cppcc.proposals.common.config;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.common.web.BodySizeLimitFilter;
import cn.gov.cppcc.proposals.common.web.PlatformExceptionHandler;
import cn.gov.cppcc.proposals.common.web.ProblemErrorController;
import cn.gov.cppcc.proposals.common.web.RequestIdFilter;
import cn.gov.cppcc.proposals.common.web.TomcatProblemPages;

/**
 * Problem details, the request id and the body size limit for every servlet service.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Problems problems() {
		return new Problems(ProblemMessages.create());
	}

	@Bean
	PlatformExceptionHandler platformExceptionHandler(Problems problems) {
		return new PlatformExceptionHandler(problems);
	}

	@Bean
	ProblemErrorController problemErrorController(Problems problems) {
		return new ProblemErrorController(problems);
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(Problems problems,
			@Value("${platform.web.max-body-size:256KB}") DataSize maxBodySize) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(maxBodySize.toBytes(), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	WebMvcConfigurer currentUserArgumentResolver() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new HandlerMethodArgumentResolver() {
					@Override
					public boolean supportsParameter(MethodParameter parameter) {
						return parameter.getParameterType() == CurrentUser.class;
					}

					@Override
					public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
							NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
						CurrentUser user = CurrentUser.current();
						if (user == null) {
							throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, "unauthorized");
						}
						return user;
					}
				});
			}
		};
	}

	/** Tomcat's own error answers as problem details (only when the server is Tomcat). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatProblemPagesConfiguration {

		@Bean
		TomcatProblemPages tomcatProblemPages(Problems problems) {
			return new TomcatProblemPages(problems);
		}

	}

}
