package cn.gov.cppcc.proposals.common;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import feign.Request;
import feign.Response;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.config.ProblemMessages;
import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.Problems;
import cn.gov.cppcc.proposals.common.error.RemoteProblemException;
import cn.gov.cppcc.proposals.common.feign.ProblemErrorDecoder;
import cn.gov.cppcc.proposals.common.feign.RemoteFailurePredicate;
import cn.gov.cppcc.proposals.common.web.PlatformExceptionHandler;
import cn.gov.cppcc.proposals.common.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemHandlingTests {

	private final Problems problems = new Problems(ProblemMessages.create());

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SampleController())
		.setControllerAdvice(new PlatformExceptionHandler(this.problems))
		.build();

	@Test
	void problemsAreChineseByDefaultAndEnglishOnRequest() {
		ProblemDetail zh = this.problems.create(HttpStatus.NOT_FOUND, "not-found", Locale.SIMPLIFIED_CHINESE);
		assertThat(zh.getTitle()).isEqualTo("未找到");
		assertThat(zh.getType().toString()).isEqualTo("/problems/not-found");
		assertThat(zh.getProperties()).containsEntry("code", "not-found");
		ProblemDetail en = this.problems.create(HttpStatus.NOT_FOUND, "not-found", Locale.ENGLISH);
		assertThat(en.getTitle()).isEqualTo("Not found");
	}

	@Test
	void unknownCodesFallBackToTheStatusTitle() {
		ProblemDetail problem = this.problems.create(HttpStatus.CONFLICT, "no-such-code", Locale.SIMPLIFIED_CHINESE);
		assertThat(problem.getTitle()).isEqualTo("冲突");
		assertThat(problem.getDetail()).isEqualTo("冲突");
	}

	@Test
	void apiExceptionsBecomeProblemJsonWithTheirStatusAndCode() throws Exception {
		this.mvc.perform(get("/conflict"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.code").value("concurrent-modification"))
			.andExpect(jsonPath("$.instance").value("/conflict"));
	}

	@Test
	void malformedJsonIsA400ProblemWithoutInternals() throws Exception {
		String body = this.mvc.perform(post("/echo").contentType("application/json").content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("malformed-request"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).doesNotContain("Exception").doesNotContain("jackson");
	}

	@Test
	void wrongTypesNameTheField() throws Exception {
		this.mvc
			.perform(post("/echo").contentType("application/json").content("{\"name\": \"x\", \"count\": \"many\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("count"));
	}

	@Test
	void validationErrorsListTheFields() throws Exception {
		this.mvc.perform(post("/echo").contentType("application/json").content("{\"name\": \"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void unexpectedExceptionsAre500WithoutTheMessage() throws Exception {
		String body = this.mvc.perform(get("/boom"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("internal-error"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).doesNotContain("secret-internal-detail");
	}

	@Test
	void aDatabaseThatDoesNotAnswerIs503WithRetryAfterNot500() throws Exception {
		for (String path : List.of("/db/no-connection", "/db/wrapped-timeout", "/db/no-transaction",
				"/db/closed-by-watchdog", "/db/watchdog-down")) {
			String body = this.mvc.perform(get(path))
				.andExpect(status().isServiceUnavailable())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.code").value("dependency-unavailable"))
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
					.string("Retry-After", "5"))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(body).as(path).doesNotContain("secret-internal-detail").doesNotContain("SQL");
		}
	}

	@Test
	void feignBreakersCountOutagesButNotAnswers() {
		RemoteFailurePredicate failure = new RemoteFailurePredicate();
		assertThat(failure.test(new RemoteProblemException("department-service", 404, "not-found", ""))).isFalse();
		assertThat(failure.test(new RuntimeException(new RemoteProblemException("x", 422, "invalid", "")))).isFalse();
		assertThat(failure.test(new RemoteProblemException("department-service", 503, "unknown", ""))).isTrue();
		assertThat(failure.test(new RemoteProblemException("department-service", 429, "rate-limited", ""))).isTrue();
		assertThat(failure.test(new java.net.SocketTimeoutException("Read timed out"))).isTrue();
	}

	@Test
	void wrongMediaTypeIs415() throws Exception {
		this.mvc.perform(post("/echo").contentType("text/plain").content("hello"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.code").value("unsupported-media-type"));
	}

	@Test
	void theFeignDecoderTurnsAProblemBodyBackIntoATypedException() {
		Request request = Request.create(Request.HttpMethod.GET, "http://department-service/api/v1/units/9",
				Map.<String, Collection<String>>of(), null, StandardCharsets.UTF_8, null);
		Response response = Response.builder()
			.status(404)
			.request(request)
			.headers(Map.of("Content-Type", List.of("application/problem+json")))
			.body("{\"type\":\"/problems/not-found\",\"status\":404,\"title\":\"未找到\",\"code\":\"not-found\"}",
					StandardCharsets.UTF_8)
			.build();
		Exception decoded = new ProblemErrorDecoder().decode("UnitClient#get", response);
		assertThat(decoded).isInstanceOf(RemoteProblemException.class);
		assertThat(((RemoteProblemException) decoded).getStatus()).isEqualTo(404);
		assertThat(((RemoteProblemException) decoded).getCode()).isEqualTo("not-found");
	}

	@Test
	void theFeignDecoderKeepsTheStatusOfABodyThatIsNotAProblem() {
		Request request = Request.create(Request.HttpMethod.GET, "http://x/y", Map.of(), null, StandardCharsets.UTF_8,
				null);
		Response response = Response.builder()
			.status(502)
			.request(request)
			.headers(Map.of())
			.body("<html>bad gateway</html>", StandardCharsets.UTF_8)
			.build();
		RemoteProblemException decoded = (RemoteProblemException) new ProblemErrorDecoder().decode("X#y", response);
		assertThat(decoded.getStatus()).isEqualTo(502);
		assertThat(decoded.getCode()).isEqualTo("unknown");
	}

	@Test
	void requestIdsAreAcceptedWhenWellFormedAndMadeOtherwise() {
		assertThat(RequestIds.acceptOrCreate("abc12345-req")).isEqualTo("abc12345-req");
		assertThat(RequestIds.acceptOrCreate("bad id\r\ninjected")).hasSize(32).doesNotContain("injected");
		assertThat(RequestIds.acceptOrCreate(null)).hasSize(32);
	}

	record Sample(@NotBlank String name, Integer count) {
	}

	@RestController
	static class SampleController {

		@GetMapping("/conflict")
		void conflict() {
			throw ApiException.conflict("concurrent-modification");
		}

		@GetMapping("/boom")
		void boom() {
			throw new IllegalStateException("secret-internal-detail");
		}

		@GetMapping("/db/no-connection")
		void noConnection() {
			throw new org.springframework.dao.DataAccessResourceFailureException("secret-internal-detail",
					new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		}

		@GetMapping("/db/wrapped-timeout")
		void wrappedTimeout() {
			// how MyBatis reports a statement that got no answer within the socket
			// timeout
			throw new IllegalStateException("secret-internal-detail",
					new java.sql.SQLRecoverableException("Communications link failure"));
		}

		@GetMapping("/db/no-transaction")
		void noTransaction() {
			throw new org.springframework.transaction.CannotCreateTransactionException("secret-internal-detail");
		}

		@GetMapping("/db/closed-by-watchdog")
		void closedByWatchdog() {
			// HikariCP's answer on a connection the database watchdog aborted: a plain
			// SQLException, SQLState 08003, wrapped by MyBatis
			throw new IllegalStateException("secret-internal-detail",
					new java.sql.SQLException("Connection is closed", "08003"));
		}

		@GetMapping("/db/watchdog-down")
		void watchdogDown() {
			throw new org.springframework.jdbc.CannotGetJdbcConnectionException("secret-internal-detail",
					new cn.gov.cppcc.proposals.common.database.DatabaseUnavailableException("down"));
		}

		@PostMapping("/echo")
		Sample echo(@Valid @RequestBody Sample sample) {
			return sample;
		}

	}

}
