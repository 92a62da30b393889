package cn.gov.cppcc.proposals.gateway.web;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors without a running gateway: what each becomes, and that nothing internal leaks.
 */
class ProblemExceptionHandlerTest {

	private final ProblemExceptionHandler handler = new ProblemExceptionHandler(new ProblemResponses(),
			Duration.ofSeconds(5), Duration.ofSeconds(10));

	@Test
	void keysUnreachableIs503NotUnauthorized() {
		MockServerWebExchange exchange = exchange();
		this.handler.handle(exchange, new AuthenticationServiceException("JWKS fetch failed")).block();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"dependency-unavailable\"")
			.contains("department-service");
	}

	@Test
	void unexpectedErrorIs500WithoutInternals() {
		MockServerWebExchange exchange = exchange();
		this.handler.handle(exchange, new IllegalStateException("secret internals at com.example.Foo")).block();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
		assertThat(exchange.getResponse().getHeaders().getContentType().toString())
			.isEqualTo("application/problem+json");
		String body = exchange.getResponse().getBodyAsString().block();
		assertThat(body).contains("\"code\":\"internal-error\"")
			.contains("\"requestId\":\"req-12345678\"")
			.doesNotContain("secret")
			.doesNotContain("Exception");
	}

	@Test
	void connectionRefusedIs503WithRetryAfterInEnglishOnRequest() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/v1/proposals").header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
		this.handler.handle(exchange, new RuntimeException(new ConnectException("refused"))).block();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"title\":\"Service unavailable\"");
	}

	private static MockServerWebExchange exchange() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/me"));
		exchange.getAttributes().put(RequestContextFilter.REQUEST_ID_ATTR, "req-12345678");
		return exchange;
	}

}
