package cn.gov.cppcc.proposals.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import cn.gov.cppcc.proposals.common.config.ProblemMessages;
import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.web.TomcatProblemPages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat answers before any filter runs is problem+json, not its HTML page: a real
 * Tomcat with Spring Boot's HTML valve added first, as Boot does, then the platform's.
 */
class TomcatProblemPagesTests {

	private WebServer server;

	@BeforeEach
	void start() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.addContextCustomizers((context) -> {
			ErrorReportValve html = new ErrorReportValve();
			html.setShowReport(false);
			html.setShowServerInfo(false);
			context.getParent().getPipeline().addValve(html);
		});
		new TomcatProblemPages(new Problems(ProblemMessages.create())).customize(factory);
		this.server = factory.getWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void malformedRequestLineIsProblemJsonInChinese() throws IOException {
		String response = send("GET /api/v1/units/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"type\":\"/problems/malformed-request\"")
			.contains("请求格式错误")
			.doesNotContain("<html")
			.doesNotContainIgnoringCase("tomcat");
	}

	@Test
	void oversizedHeaderIsProblemJsonInEnglishOnRequest() throws IOException {
		String response = send("GET / HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\nX-Big: "
				+ "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.doesNotContain("<html");
	}

	@Test
	void anUnmappedPathIsProblemJson() throws IOException {
		String response = send("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 404")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"status\":404")
			.doesNotContain("<html");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
