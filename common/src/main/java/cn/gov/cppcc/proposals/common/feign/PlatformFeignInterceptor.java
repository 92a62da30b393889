package cn.gov.cppcc.proposals.common.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.gov.cppcc.proposals.common.security.ServiceTokenProvider;
import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * Every Feign call carries the request id, and an identity: the caller's own token when
 * there is a user request (token relay), else this service's client-credentials token.
 * Never nothing.
 */
public class PlatformFeignInterceptor implements RequestInterceptor {

	private final ServiceTokenProvider serviceTokens;

	public PlatformFeignInterceptor(ServiceTokenProvider serviceTokens) {
		this.serviceTokens = serviceTokens;
	}

	@Override
	public void apply(RequestTemplate template) {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null) {
			template.header(RequestIds.HEADER, requestId);
		}
		if (template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
			return;
		}
		String authorization = null;
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		}
		if (authorization == null && this.serviceTokens != null && this.serviceTokens.isConfigured()) {
			authorization = "Bearer " + this.serviceTokens.token();
		}
		if (authorization != null) {
			template.header(HttpHeaders.AUTHORIZATION, authorization);
		}
	}

}
