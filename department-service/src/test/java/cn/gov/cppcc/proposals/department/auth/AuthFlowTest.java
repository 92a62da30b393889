package cn.gov.cppcc.proposals.department.auth;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AuthFlowTest extends IntegrationTest {

	@Test
	void loginThenMeShowsTheMaskedPhone() throws Exception {
		MvcResult login = loginResponse("member1", PASSWORD);
		assertThat(read(login, "$.tokenType")).isEqualTo("Bearer");
		assertThat(read(login, "$.expiresIn")).isEqualTo("900");
		assertThat(read(login, "$.refreshToken")).hasSizeGreaterThan(30);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(read(login, "$.accessToken"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("1001"))
			.andExpect(jsonPath("$.name").value("曹丽虹"))
			.andExpect(jsonPath("$.sector").value("经济界"))
			.andExpect(jsonPath("$.roles[0]").value("MEMBER"))
			.andExpect(jsonPath("$.phone").value("138****1001"));
	}

	@Test
	void unitStaffSeeTheirUnit() throws Exception {
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(login("handler-gxt"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unitId").value("2"))
			.andExpect(jsonPath("$.unit.name").value("省工业和信息化厅"));
	}

	@Test
	void wrongPasswordAndUnknownUserAnswerAlike() throws Exception {
		for (String username : List.of("member2", "nobody-" + UUID.randomUUID().toString().substring(0, 8))) {
			this.mvc.perform(loginRequest(username, "Wrong-password-1"))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.code").value("bad-credentials"));
		}
		Integer logged = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM login_log WHERE username = 'member2' AND result = 'BAD_CREDENTIALS'",
				Integer.class);
		assertThat(logged).isGreaterThanOrEqualTo(1);
		// one failure does not lock; the right password still works and resets the count
		login("member2");
	}

	@Test
	void fiveWrongPasswordsLockTheAccountAndTheLockIsInTheLoginLog() throws Exception {
		String username = newUser("lockme");
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(loginRequest(username, "Wrong-password-" + i).header("User-Agent", "lock-test"))
				.andExpect(status().isUnauthorized());
		}
		// sixth attempt, even with the right password: locked
		this.mvc.perform(loginRequest(username, "Str0ng-Passw0rd"))
			.andExpect(status().isLocked())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("account-locked"))
			.andExpect(jsonPath("$.status").value(423));
		List<String> results = this.jdbc.queryForList("SELECT result FROM login_log WHERE username = ? ORDER BY id",
				String.class, username);
		assertThat(results).containsExactly("BAD_CREDENTIALS", "BAD_CREDENTIALS", "BAD_CREDENTIALS", "BAD_CREDENTIALS",
				"LOCKED", "REJECTED_LOCKED");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM login_log WHERE username = ? AND user_agent = 'lock-test' AND ip IS NOT NULL",
				Integer.class, username))
			.isEqualTo(5);
		assertThat(this.jdbc.queryForObject(
				"SELECT locked_until > UTC_TIMESTAMP(3) FROM user_account WHERE username = ?", Boolean.class, username))
			.isTrue();
	}

	@Test
	void refreshRotatesAndAReusedTokenRevokesTheFamily() throws Exception {
		MvcResult first = loginResponse("member3", PASSWORD);
		String refresh1 = read(first, "$.refreshToken");
		MvcResult second = refresh(refresh1);
		String refresh2 = read(second, "$.refreshToken");
		assertThat(refresh2).isNotEqualTo(refresh1);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(read(second, "$.accessToken"))))
			.andExpect(status().isOk());
		// the old token again: refused, and the whole family is revoked
		this.mvc.perform(refreshRequest(refresh1))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("invalid-refresh-token"));
		this.mvc.perform(refreshRequest(refresh2))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("invalid-refresh-token"));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'REFRESH_TOKEN_REUSE' AND target_id = '1003'",
				Integer.class))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void idleAndAbsoluteLimitsEndTheSession() throws Exception {
		String username = newUser("limits");
		String refresh = read(loginResponse(username, "Str0ng-Passw0rd"), "$.refreshToken");
		java.util.Map<String, Object> first = this.jdbc.queryForMap(
				"SELECT family_id, absolute_expires_at, TIMESTAMPDIFF(MINUTE, issued_at, idle_expires_at) AS idle, "
						+ "TIMESTAMPDIFF(HOUR, issued_at, absolute_expires_at) AS absolute FROM refresh_token "
						+ "WHERE user_id = (SELECT id FROM user_account WHERE username = ?)",
				username);
		assertThat(((Number) first.get("idle")).longValue()).isEqualTo(120);
		assertThat(((Number) first.get("absolute")).longValue()).isEqualTo(12);
		// rotation keeps the family's absolute limit
		String next = read(refresh(refresh), "$.refreshToken");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM refresh_token WHERE family_id = ? AND absolute_expires_at = ?", Integer.class,
				first.get("family_id"), first.get("absolute_expires_at")))
			.isEqualTo(2);
		// idle limit passed
		this.jdbc.update("UPDATE refresh_token SET idle_expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE "
				+ "WHERE family_id = ? AND revoked_at IS NULL", first.get("family_id"));
		this.mvc.perform(refreshRequest(next))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("invalid-refresh-token"));
		// absolute limit passed, though the token was used recently
		String other = read(loginResponse(username, "Str0ng-Passw0rd"), "$.refreshToken");
		this.jdbc.update(
				"UPDATE refresh_token SET absolute_expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE "
						+ "WHERE user_id = (SELECT id FROM user_account WHERE username = ?) AND revoked_at IS NULL",
				username);
		this.mvc.perform(refreshRequest(other)).andExpect(status().isUnauthorized());
	}

	@Test
	void unknownRefreshTokenIsRefused() throws Exception {
		this.mvc.perform(refreshRequest("not-a-token"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("invalid-refresh-token"));
	}

	@Test
	void logoutRevokesTheRefreshToken() throws Exception {
		MvcResult login = loginResponse("committee1", PASSWORD);
		String refresh = read(login, "$.refreshToken");
		this.mvc
			.perform(post("/api/v1/auth/logout").header(HttpHeaders.AUTHORIZATION, bearer(read(login, "$.accessToken")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"refreshToken\":\"" + refresh + "\"}"))
			.andExpect(status().isNoContent());
		this.mvc.perform(refreshRequest(refresh)).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/v1/auth/logout")).andExpect(status().isUnauthorized());
	}

	@Test
	void passwordChangeAndDisablingRevokeRefreshTokens() throws Exception {
		String username = newUser("revoke");
		String id = this.jdbc.queryForObject("SELECT id FROM user_account WHERE username = ?", String.class, username);
		String admin = login("admin");
		String refresh = read(loginResponse(username, "Str0ng-Passw0rd"), "$.refreshToken");
		this.mvc
			.perform(put("/api/v1/users/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(userUpdate("An0ther-Passw0rd", true)))
			.andExpect(status().isOk());
		this.mvc.perform(refreshRequest(refresh)).andExpect(status().isUnauthorized());
		this.mvc.perform(loginRequest(username, "Str0ng-Passw0rd")).andExpect(status().isUnauthorized());
		String refresh2 = read(loginResponse(username, "An0ther-Passw0rd"), "$.refreshToken");
		this.mvc
			.perform(put("/api/v1/users/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(userUpdate(null, false)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc.perform(refreshRequest(refresh2)).andExpect(status().isUnauthorized());
		this.mvc.perform(loginRequest(username, "An0ther-Passw0rd")).andExpect(status().isUnauthorized());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM login_log WHERE username = ? AND result = 'DISABLED'",
				Integer.class, username))
			.isEqualTo(1);
	}

	@Test
	void malformedLoginBodyIsAProblem() throws Exception {
		this.mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).content("{\"username\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("malformed-request"));
		this.mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
	}

	private String userUpdate(String password, boolean enabled) {
		return "{" + ((password != null) ? "\"password\":\"" + password + "\"," : "")
				+ "\"displayName\":\"测试用户\",\"roles\":[\"MEMBER\"],\"sector\":\"经济界\",\"enabled\":" + enabled + "}";
	}

	private String newUser(String prefix) throws Exception {
		String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.mvc
			.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(login("admin")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"Str0ng-Passw0rd\","
						+ "\"displayName\":\"测试用户\",\"roles\":[\"MEMBER\"],\"sector\":\"经济界\","
						+ "\"phone\":\"13900001234\"}"))
			.andExpect(status().isCreated());
		return username;
	}

	private MvcResult refresh(String token) throws Exception {
		return this.mvc.perform(refreshRequest(token)).andExpect(status().isOk()).andReturn();
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder refreshRequest(
			String token) {
		return post("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
			.content("{\"refreshToken\":\"" + token + "\"}");
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder loginRequest(
			String username, String password) {
		return post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

}
