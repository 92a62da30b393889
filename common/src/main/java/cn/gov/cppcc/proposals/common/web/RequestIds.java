package cn.gov.cppcc.proposals.common.web;

import java.util.UUID;
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
		return UUID.randomUUID().toString().replace("-", "");
	}

}
