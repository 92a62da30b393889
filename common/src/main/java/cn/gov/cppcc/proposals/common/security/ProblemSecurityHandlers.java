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
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.authentication.AuthenticationServiceException;

import cn.gov.cppcc.proposals.common.error.Problems;

/**
 * 401 and 403 from the security filters, as problem+json like every other error.
 */
public class ProblemSecurityHandlers
		implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

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

	/**
	 * A token that cannot be checked because the keys could not be fetched is our
	 * failure, not the caller's: 503 with Retry-After instead of a 500 (or a misleading
	 * 401).
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof AuthenticationServiceException) {
			response.setHeader("Retry-After", "5");
			write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable");
			return;
		}
		commence(request, response, exception);
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
		ProblemDetail problem = "dependency-unavailable".equals(code)
				? this.problems.create(status, code, locale, "department-service")
				: this.problems.create(status, code, locale);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(this.json.writeValueAsString(Problems.toMap(problem)));
	}

}
