package cn.gov.cppcc.proposals.common.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.Problems;

/**
 * The container's error page ({@code /error}), reached by errors raised outside Spring
 * MVC (filters, the container itself): answers problem+json like everything else, without
 * the exception.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private final Problems problems;

	public ProblemErrorController(Problems problems) {
		this.problems = problems;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer i) ? i : 500);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String problemCode = switch (status) {
			case NOT_FOUND -> "not-found";
			case UNAUTHORIZED -> "unauthorized";
			case FORBIDDEN -> "forbidden";
			case CONTENT_TOO_LARGE -> "payload-too-large";
			case BAD_REQUEST -> "malformed-request";
			case INTERNAL_SERVER_ERROR -> "internal-error";
			default -> "status-" + status.value();
		};
		ProblemDetail problem = this.problems.create(status, problemCode, LocaleContextHolder.getLocale());
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			problem.setInstance(URI.create(path));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
