package cn.gov.cppcc.proposals.common.config;

import java.util.Locale;

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
		source.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		source.setUseCodeAsDefaultMessage(false);
		return source;
	}

}
