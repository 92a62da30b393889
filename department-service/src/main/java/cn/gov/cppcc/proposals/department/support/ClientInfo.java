package cn.gov.cppcc.proposals.department.support;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * Where a request comes from, for the login and audit logs: IP, user agent, request id.
 *
 * @param ip the client address: the first {@code X-Forwarded-For} entry when the direct
 * peer is a loopback or private address (the gateway), else the peer itself
 * @param userAgent the user agent, cut to 300 characters
 * @param requestId the request id
 */
public record ClientInfo(String ip, String userAgent, String requestId) {

	public static ClientInfo current() {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return new ClientInfo(ip(request), cut(request.getHeader("User-Agent"), 300), requestId);
		}
		return new ClientInfo(null, null, requestId);
	}

	static String ip(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded != null && !forwarded.isBlank() && trustedProxy(peer)) {
			return cut(forwarded.split(",")[0].trim(), 64);
		}
		return cut(peer, 64);
	}

	private static boolean trustedProxy(String peer) {
		if (peer == null) {
			return false;
		}
		return peer.startsWith("127.") || peer.equals("0:0:0:0:0:0:0:1") || peer.equals("::1") || peer.startsWith("10.")
				|| peer.startsWith("192.168.") || peer.matches("172\\.(1[6-9]|2\\d|3[01])\\..*");
	}

	private static String cut(String value, int max) {
		if (value == null) {
			return null;
		}
		return (value.length() > max) ? value.substring(0, max) : value;
	}

}
