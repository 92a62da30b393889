package cn.gov.cppcc.proposals.common.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request id into the MDC and the response header before anything else runs.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		MDC.put(RequestIds.MDC_KEY, requestId);
		request.setAttribute(RequestIds.MDC_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
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
