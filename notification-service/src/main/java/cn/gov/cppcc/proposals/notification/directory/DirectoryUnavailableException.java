package cn.gov.cppcc.proposals.notification.directory;

/**
 * department-service could not be asked (down, slow, circuit open): callers retry later.
 */
public class DirectoryUnavailableException extends RuntimeException {

	DirectoryUnavailableException(Throwable cause) {
		super("department-service unavailable", cause);
	}

}
