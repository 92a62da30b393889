package cn.gov.cppcc.proposals.common.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.gov.cppcc.proposals.common.error.Problems;

/**
 * Refuses request bodies above the limit with 413, whether the size is declared or the
 * body is streamed.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final Problems problems;

	private final JsonMapper json = JsonMapper.builder().build();

	public BodySizeLimitFilter(long maxBytes, Problems problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
		}
		catch (BodyTooLargeException ex) {
			if (!response.isCommitted()) {
				response.reset();
				tooLarge(request, response);
			}
		}
		catch (ServletException | RuntimeException ex) {
			if (hasCause(ex) && !response.isCommitted()) {
				response.reset();
				tooLarge(request, response);
				return;
			}
			throw ex;
		}
	}

	private static boolean hasCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String language = request.getHeader("Accept-Language");
		Locale locale = (language == null || language.isBlank()) ? Locale.SIMPLIFIED_CHINESE : request.getLocale();
		ProblemDetail problem = this.problems.create(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", locale,
				this.maxBytes);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Connection", "close");
		response.getWriter().write(this.json.writeValueAsString(Problems.toMap(problem)));
	}

	public static class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("request body too large");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream delegate = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long count;

					@Override
					public int read() throws IOException {
						int b = delegate.read();
						if (b >= 0) {
							check(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int off, int len) throws IOException {
						int n = delegate.read(buffer, off, len);
						if (n > 0) {
							check(n);
						}
						return n;
					}

					private void check(int n) throws IOException {
						this.count += n;
						if (this.count > LimitedRequest.this.max) {
							throw new BodyTooLargeException();
						}
					}

					@Override
					public boolean isFinished() {
						return delegate.isFinished();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						delegate.setReadListener(listener);
					}
				};
			}
			return this.stream;
		}

	}

}
