package cn.gov.cppcc.proposals.common.config;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The message bundles of problem titles and details: {@code problems/common} here,
 * {@code problems/service} in each service. Chinese is the default; English is chosen by
 * {@code Accept-Language: en}.
 */
public final class ProblemMessages {

	private ProblemMessages() {
	}

	public static MessageSource create() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames("problems/service", "problems/common");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		// no default locale: a request for English must reach the base (English) bundle;
		// requests without
		// Accept-Language arrive as zh-CN (spring.web.locale in
		// platform-defaults.properties)
		source.setUseCodeAsDefaultMessage(false);
		return source;
	}

}
