package cn.gov.cppcc.proposals.common.web;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request id: taken from the incoming {@code X-Request-Id} when it is well formed,
 * otherwise made here; kept in the MDC as {@code requestId} for every log line, sent on
 * with every Feign call and returned on the response.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{8,80}");

	private RequestIds() {
	}

	public static String acceptOrCreate(String incoming) {
		if (incoming != null && VALID.matcher(incoming).matches()) {
			return incoming;
		}
		// 128 random bits as 32 hex digits; a request id is a correlation key, not a
		// secret, so the per-thread
		// generator does (UUID.randomUUID() takes SecureRandom's lock on every request)
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return hex(random.nextLong()) + hex(random.nextLong());
	}

	private static String hex(long value) {
		String digits = Long.toHexString(value);
		return "0".repeat(16 - digits.length()) + digits;
	}

}
