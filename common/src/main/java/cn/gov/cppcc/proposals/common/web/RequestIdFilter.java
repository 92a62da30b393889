package cn.gov.cppcc.proposals.common.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request id into the MDC and the response header before anything else runs, and
 * sizes the response buffer ({@link #RESPONSE_BUFFER_BYTES}) while nothing is written
 * yet.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/**
	 * Response buffer: an answer up to this size leaves in one write with a
	 * Content-Length instead of chunked in Tomcat's 8 KiB pieces (a proposal's detail or
	 * a published reply is 12–15 KiB), which saves the gateway and any proxy a read and a
	 * write per answer; and an error while the body is written can still become a
	 * problem+json. Streams (SSE, the export) flush when they need to.
	 */
	static final int RESPONSE_BUFFER_BYTES = 32 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		MDC.put(RequestIds.MDC_KEY, requestId);
		request.setAttribute(RequestIds.MDC_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
		if (!response.isCommitted() && response.getBufferSize() < RESPONSE_BUFFER_BYTES) {
			response.setBufferSize(RESPONSE_BUFFER_BYTES);
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
