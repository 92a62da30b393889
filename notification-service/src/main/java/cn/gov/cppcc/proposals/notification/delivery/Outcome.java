package cn.gov.cppcc.proposals.notification.delivery;

/**
 * What happened to one send attempt.
 *
 * @param result the result
 * @param status the receiver's status code, if any
 * @param error a short description of a failure (never personal data)
 */
public record Outcome(Result result, Integer status, String error) {

	public enum Result {

		/** delivered */
		SENT,
		/** failed, try again after the backoff (DEAD when attempts run out) */
		RETRY,
		/** failed for good: DEAD now */
		DEAD,
		/** not sent: over the SMS rate limit */
		SKIPPED_RATE_LIMIT,
		/** not sent: the person has no email address or phone number */
		SKIPPED_NO_ADDRESS,
		/** not sent: the webhook subscription was disabled */
		CANCELLED

	}

	public static Outcome sent(Integer status) {
		return new Outcome(Result.SENT, status, null);
	}

	public static Outcome retry(Integer status, String error) {
		return new Outcome(Result.RETRY, status, error);
	}

	public static Outcome dead(Integer status, String error) {
		return new Outcome(Result.DEAD, status, error);
	}

	public static Outcome of(Result result, String error) {
		return new Outcome(result, null, error);
	}

}
