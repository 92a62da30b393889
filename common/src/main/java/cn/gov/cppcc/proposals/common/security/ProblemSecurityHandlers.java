package cn.gov.cppcc.proposals.common.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import cn.gov.cppcc.proposals.common.error.Problems;

/**
 * 401 and 403 from the security filters, as problem+json like every other error.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final Problems problems;

	private final JsonMapper json = JsonMapper.builder().build();

	public ProblemSecurityHandlers(Problems problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, "forbidden");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
			throws IOException {
		Locale locale = request.getLocale();
		String language = request.getHeader("Accept-Language");
		if (language == null || language.isBlank()) {
			locale = Locale.SIMPLIFIED_CHINESE;
		}
		ProblemDetail problem = this.problems.create(status, code, locale);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(this.json.writeValueAsString(Problems.toMap(problem)));
	}

}
