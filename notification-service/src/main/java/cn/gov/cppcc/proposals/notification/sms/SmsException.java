package cn.gov.cppcc.proposals.notification.sms;

/**
 * The provider refused or could not be reached.
 */
public class SmsException extends RuntimeException {

	private final boolean retryable;

	private final Integer status;

	public SmsException(String message, boolean retryable, Integer status) {
		super(message);
		this.retryable = retryable;
		this.status = status;
	}

	public boolean isRetryable() {
		return this.retryable;
	}

	public Integer getStatus() {
		return this.status;
	}

}
