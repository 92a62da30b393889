package cn.gov.cppcc.proposals.common.error;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.MDC;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details: {@code type} is {@code /problems/<code>} (documented
 * in the README), {@code title} and {@code detail} come from the {@code problems} message
 * bundles (zh-CN first, English available), {@code code} and {@code requestId} are
 * extension members.
 */
public class Problems {

	/** Prefix of every problem {@code type}. */
	public static final String TYPE_PREFIX = "/problems/";

	private final MessageSource messages;

	public Problems(MessageSource messages) {
		this.messages = messages;
	}

	public ProblemDetail create(HttpStatusCode status, String code, Locale locale, Object... args) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(URI.create(TYPE_PREFIX + code));
		// ProblemDetail.getTitle() falls back to the English reason phrase, so decide the
		// title here
		String title = message("problem." + code + ".title", locale, null);
		if (title == null) {
			title = message("problem.status." + status.value() + ".title", locale, "Error");
		}
		problem.setTitle(title);
		String detail = message("problem." + code + ".detail", locale, null, args);
		problem.setDetail((detail != null) ? detail : title);
		problem.setProperty("code", code);
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return problem;
	}

	public ProblemDetail from(ApiException ex, Locale locale) {
		ProblemDetail problem = create(ex.getStatus(), ex.getCode(), locale, ex.getArgs());
		if (!ex.getErrors().isEmpty()) {
			problem.setProperty("errors", ex.getErrors());
		}
		ex.getProperties().forEach(problem::setProperty);
		return problem;
	}

	public static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
		problem.setProperty("errors", errors);
		return problem;
	}

	public String message(String key, Locale locale, String fallback, Object... args) {
		try {
			return this.messages.getMessage(key, args, locale);
		}
		catch (NoSuchMessageException ex) {
			return fallback;
		}
	}

	/**
	 * The problem members as a map, for writers that serialize by hand (filters, the
	 * gateway).
	 * @param problem the problem
	 * @return ordered members
	 */
	public static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
