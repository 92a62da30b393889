package cn.gov.cppcc.proposals.common.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import cn.gov.cppcc.proposals.common.database.DatabaseFailures;
import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.FieldProblem;
import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.error.RemoteProblemException;

/**
 * Turns every exception into problem+json with a stable code and a localized title; never
 * leaks an exception message.
 */
@RestControllerAdvice
public class PlatformExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(PlatformExceptionHandler.class);

	private final Problems problems;

	public PlatformExceptionHandler(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApi(ApiException ex, HttpServletRequest request) {
		return respond(this.problems.from(ex, locale()), request, null);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraint(ConstraintViolationException ex, HttpServletRequest request) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((v) -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.toList();
		ProblemDetail problem = this.problems.create(HttpStatus.BAD_REQUEST, "validation-failed", locale());
		return respond(Problems.withErrors(problem, errors), request, null);
	}

	@ExceptionHandler({ OptimisticLockingFailureException.class, PessimisticLockingFailureException.class })
	ResponseEntity<Object> handleConcurrent(RuntimeException ex, HttpServletRequest request) {
		return respond(this.problems.create(HttpStatus.CONFLICT, "concurrent-modification", locale()), request, null);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
		log.info("Data integrity violation: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		return respond(this.problems.create(HttpStatus.CONFLICT, "conflict", locale()), request, null);
	}

	@ExceptionHandler(RemoteProblemException.class)
	ResponseEntity<Object> handleRemote(RemoteProblemException ex, HttpServletRequest request) {
		log.warn("Dependency failed: {}", ex.getMessage());
		return respond(this.problems.create(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", locale(),
				ex.getService()), request, null);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleDenied(AccessDeniedException ex, HttpServletRequest request) {
		return respond(this.problems.create(HttpStatus.FORBIDDEN, "forbidden", locale()), request, null);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> handleUnauthenticated(AuthenticationException ex, HttpServletRequest request) {
		return respond(this.problems.create(HttpStatus.UNAUTHORIZED, "unauthorized", locale()), request, null);
	}

	/**
	 * The database does not answer (stopped, unreachable, pool exhausted by a hung
	 * database): the request cannot be served now, and it is not the caller's fault nor a
	 * bug — 503 {@code dependency-unavailable} with {@code Retry-After}, found by the
	 * database fault drill (e2e-tests DatabaseDrill), which saw 500s before.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class, QueryTimeoutException.class,
			RecoverableDataAccessException.class })
	ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, HttpServletRequest request) {
		return databaseUnavailable(ex, request);
	}

	private ResponseEntity<Object> databaseUnavailable(Throwable ex, HttpServletRequest request) {
		if (DatabaseFailures.isKnownOutage(ex)) {
			// refused at once by the database watchdog, which logged the outage once
			log.debug("Database down, {} {} answered 503", request.getMethod(), request.getRequestURI());
		}
		else {
			log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(),
					rootCause(ex).toString());
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return respond(
				this.problems.create(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", locale(), "database"),
				request, headers);
	}

	/**
	 * Whether a failure comes from a database connection that failed or timed out,
	 * however it was wrapped (MyBatis, JdbcClient, a transaction).
	 */
	static boolean isDatabaseUnavailable(Throwable ex) {
		return DatabaseFailures.isUnavailable(ex);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
		if (isDatabaseUnavailable(ex)) {
			return databaseUnavailable(ex, request);
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(this.problems.create(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", locale()), request,
				null);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		Locale locale = locale();
		ProblemDetail problem;
		if (ex instanceof MethodArgumentNotValidException invalid) {
			problem = this.problems.create(statusCode, "validation-failed", locale);
			List<FieldProblem> errors = new ArrayList<>();
			for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
				errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
			}
			invalid.getBindingResult()
				.getGlobalErrors()
				.forEach((e) -> errors.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
			Problems.withErrors(problem, errors);
		}
		else if (ex instanceof HandlerMethodValidationException invalid) {
			problem = this.problems.create(HttpStatus.BAD_REQUEST, "validation-failed", locale);
			List<FieldProblem> errors = invalid.getParameterValidationResults()
				.stream()
				.flatMap((r) -> r.getResolvableErrors()
					.stream()
					.map((e) -> new FieldProblem(r.getMethodParameter().getParameterName(), e.getDefaultMessage())))
				.toList();
			Problems.withErrors(problem, errors);
		}
		else if (ex instanceof HttpMessageNotReadableException unreadable) {
			problem = this.problems.create(statusCode, "malformed-request", locale);
			String field = jsonPath(unreadable);
			if (field != null) {
				Problems.withErrors(problem, List.of(new FieldProblem(field,
						this.problems.message("problem.invalid-value", locale, "invalid value"))));
			}
		}
		else if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			problem = this.problems.create(HttpStatus.BAD_REQUEST, "invalid-parameter", locale, mismatch.getName());
			Problems.withErrors(problem, List.of(new FieldProblem(mismatch.getName(),
					this.problems.message("problem.invalid-value", locale, "invalid value"))));
		}
		else if (ex instanceof MissingServletRequestParameterException missing) {
			problem = this.problems.create(statusCode, "missing-parameter", locale, missing.getParameterName());
		}
		else if (ex instanceof MissingRequestHeaderException missing) {
			problem = this.problems.create(statusCode, "missing-header", locale, missing.getHeaderName());
		}
		else if (ex instanceof NoResourceFoundException) {
			problem = this.problems.create(statusCode, "not-found", locale);
		}
		else if (ex instanceof HttpRequestMethodNotSupportedException) {
			problem = this.problems.create(statusCode, "method-not-allowed", locale);
		}
		else if (ex instanceof HttpMediaTypeNotSupportedException) {
			problem = this.problems.create(statusCode, "unsupported-media-type", locale);
		}
		else if (ex instanceof HttpMediaTypeNotAcceptableException) {
			problem = this.problems.create(statusCode, "not-acceptable", locale);
		}
		else if (ex instanceof MaxUploadSizeExceededException) {
			problem = this.problems.create(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", locale);
		}
		else if (ex instanceof ErrorResponse) {
			problem = this.problems.create(statusCode, "status-" + statusCode.value(), locale);
		}
		else {
			problem = this.problems.create(statusCode, "status-" + statusCode.value(), locale);
		}
		HttpServletRequest servletRequest = (request instanceof ServletWebRequest swr) ? swr.getRequest() : null;
		return respond(problem, servletRequest, headers);
	}

	private ResponseEntity<Object> respond(ProblemDetail problem, HttpServletRequest request, HttpHeaders headers) {
		if (request != null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		HttpHeaders out = new HttpHeaders();
		if (headers != null) {
			out.putAll(headers);
		}
		out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
	}

	private static String jsonPath(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof JacksonException jackson && jackson.getPath() != null && !jackson.getPath().isEmpty()) {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference ref : jackson.getPath()) {
				if (ref.getPropertyName() != null) {
					if (!path.isEmpty()) {
						path.append('.');
					}
					path.append(ref.getPropertyName());
				}
				else if (ref.getIndex() >= 0) {
					path.append('[').append(ref.getIndex()).append(']');
				}
			}
			return path.toString();
		}
		return null;
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot >= 0) ? path.substring(dot + 1) : path;
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
