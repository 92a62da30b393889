package cn.gov.cppcc.proposals.common.error;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure with a meaning for the caller: an HTTP status, a stable string code (the last
 * segment of the problem {@code type}), and arguments for the localized detail message
 * {@code problem.<code>.detail}. Never carries an internal exception message to the
 * client.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final transient Object[] args;

	private final List<FieldProblem> errors;

	private final transient Map<String, Object> properties;

	public ApiException(HttpStatus status, String code, Object... args) {
		this(status, code, List.of(), Map.of(), args);
	}

	public ApiException(HttpStatus status, String code, List<FieldProblem> errors, Map<String, Object> properties,
			Object... args) {
		super(code);
		this.status = status;
		this.code = code;
		this.args = args;
		this.errors = List.copyOf(errors);
		this.properties = Map.copyOf(properties);
	}

	public static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found");
	}

	public static ApiException badRequest(String code, Object... args) {
		return new ApiException(HttpStatus.BAD_REQUEST, code, args);
	}

	public static ApiException conflict(String code, Object... args) {
		return new ApiException(HttpStatus.CONFLICT, code, args);
	}

	public static ApiException forbidden() {
		return new ApiException(HttpStatus.FORBIDDEN, "forbidden");
	}

	public static ApiException validation(List<FieldProblem> errors) {
		return new ApiException(HttpStatus.BAD_REQUEST, "validation-failed", errors, Map.of());
	}

	public static ApiException unavailable(String code, Object... args) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, args);
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public String getCode() {
		return this.code;
	}

	public Object[] getArgs() {
		return this.args.clone();
	}

	public List<FieldProblem> getErrors() {
		return this.errors;
	}

	public Map<String, Object> getProperties() {
		return this.properties;
	}

}
