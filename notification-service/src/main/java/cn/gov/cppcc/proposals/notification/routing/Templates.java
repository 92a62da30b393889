package cn.gov.cppcc.proposals.notification.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a {@link Message} in the recipient's language (Chinese by default, English
 * available) from {@code templates/notifications*.properties}.
 */
@Component
public class Templates {

	private final ResourceBundleMessageSource source;

	Templates() {
		this.source = new ResourceBundleMessageSource();
		this.source.setBasename("templates/notifications");
		this.source.setDefaultEncoding("UTF-8");
		this.source.setFallbackToSystemLocale(false);
		this.source.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		this.source.setAlwaysUseMessageFormat(true);
	}

	public Rendered render(Message message, ProposalSnapshot proposal, Locale locale) {
		Locale effective = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		List<Object> args = new ArrayList<>();
		args.add(reference(proposal, effective));
		for (String arg : message.args()) {
			args.add(label(arg, effective));
		}
		Object[] array = args.toArray();
		String title = this.source.getMessage(message.template() + ".title", array, effective);
		String body = this.source.getMessage(message.template() + ".body", array, effective);
		return new Rendered(title, body.strip());
	}

	/**
	 * The proposal named by its number and title, or by its title before it is numbered.
	 */
	private String reference(ProposalSnapshot p, Locale locale) {
		String title = (p.title() != null) ? p.title() : "";
		if (p.number() != null && !p.number().isBlank()) {
			return this.source.getMessage("ref.numbered", new Object[] { p.number(), title }, locale);
		}
		return this.source.getMessage("ref.unnumbered", new Object[] { title }, locale);
	}

	private String label(String arg, Locale locale) {
		if (arg == null || arg.isEmpty() || !arg.matches("[A-Z_]+")) {
			return (arg != null) ? arg : "";
		}
		try {
			return this.source.getMessage("label." + arg, null, locale);
		}
		catch (NoSuchMessageException ex) {
			return arg;
		}
	}

	public record Rendered(String title, String body) {
	}

}
