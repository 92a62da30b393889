package cn.gov.cppcc.proposals.notification.config;

import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;

import cn.gov.cppcc.proposals.common.security.CurrentUser;

/**
 * The caller comes from the token, not from a request parameter: keep it out of the spec.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

}
