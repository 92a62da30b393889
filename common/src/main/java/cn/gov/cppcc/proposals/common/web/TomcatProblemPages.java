package cn.gov.cppcc.proposals.common.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import cn.gov.cppcc.proposals.common.error.Problems;

/**
 * Problem details also for what Tomcat answers by itself, before any filter or servlet
 * runs: a malformed request line, an encoded slash or NUL in the path, a header or URL
 * over the limit. Tomcat's own error report valve wrote an HTML page for these (the bad
 * input drill found 201 of them); this valve writes {@code application/problem+json} in
 * Chinese, or English when the request asks for it, and never a stack trace. Errors that
 * reach the application are answered by {@link ProblemErrorController} and
 * {@link PlatformExceptionHandler}; this valve sees only responses nobody wrote.
 */
public class TomcatProblemPages implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final Problems problems;

	public TomcatProblemPages(Problems problems) {
		this.problems = problems;
	}

	/**
	 * After Spring Boot's own customizer, which adds Tomcat's HTML error report valve.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			Pipeline pipeline = host.getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve.getClass() == ErrorReportValve.class) {
					pipeline.removeValve(valve);
				}
			}
			boolean present = false;
			for (Valve valve : pipeline.getValves()) {
				present |= valve instanceof ProblemValve;
			}
			if (!present) {
				pipeline.addValve(new ProblemValve(this.problems));
			}
			// the host adds a valve of this class at start when none is in its pipeline
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemValve.class.getName());
			}
		});
	}

	/** Tomcat's error report valve, writing problem details instead of HTML. */
	public static class ProblemValve extends ErrorReportValve {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final Problems problems;

		public ProblemValve(Problems problems) {
			this.problems = problems;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			HttpStatus httpStatus = HttpStatus.resolve(status);
			if (httpStatus == null) {
				httpStatus = HttpStatus.BAD_REQUEST;
			}
			String code = switch (httpStatus) {
				case BAD_REQUEST -> "malformed-request";
				case NOT_FOUND -> "not-found";
				case METHOD_NOT_ALLOWED -> "method-not-allowed";
				case CONTENT_TOO_LARGE -> "payload-too-large";
				case URI_TOO_LONG -> "uri-too-long";
				case REQUEST_HEADER_FIELDS_TOO_LARGE -> "header-too-large";
				case SERVICE_UNAVAILABLE -> "dependency-unavailable";
				case INTERNAL_SERVER_ERROR -> "internal-error";
				default -> "status-" + status;
			};
			String language = request.getHeader("Accept-Language");
			Locale locale = (language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("en"))
					? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
			ProblemDetail problem = this.problems.create(httpStatus, code, locale);
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(JSON.writeValueAsString(Problems.toMap(problem)));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the connection is gone or the response was committed meanwhile:
				// nothing more can be said
			}
		}

	}

}
