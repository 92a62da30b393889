package cn.gov.cppcc.proposals.department.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ClientCredentialsTest extends IntegrationTest {

	@Test
	void basicAuthGivesEveryScopeOfTheClient() throws Exception {
		String body = this.mvc.perform(token("demo-12345", PASSWORD, null, true))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.expires_in").value(900))
			.andExpect(jsonPath("$.scope").value("proposals:read events:read webhooks:manage"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String payload = new String(
				Base64.getUrlDecoder().decode(((String) JsonPath.read(body, "$.access_token")).split("\\.")[1]),
				StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(payload, "$.sub")).isEqualTo("demo-12345");
		assertThat((String) JsonPath.read(payload, "$.token_kind")).isEqualTo("client");
		assertThat((String) JsonPath.read(payload, "$.scope")).isEqualTo("proposals:read events:read webhooks:manage");
	}

	@Test
	void formAuthWithANarrowerScope() throws Exception {
		this.mvc.perform(token("demo-12345", PASSWORD, "events:read", false))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scope").value("events:read"));
	}

	@Test
	void aScopeTheClientDoesNotHoldIsRefused() throws Exception {
		this.mvc.perform(token("demo-12345", PASSWORD, "internal", true))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid-scope"))
			.andExpect(jsonPath("$.error").value("invalid_scope"));
	}

	@Test
	void wrongSecretOrUnknownClientIsRefused() throws Exception {
		this.mvc.perform(token("demo-12345", "wrong", null, true))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("invalid-client"));
		this.mvc.perform(token("nobody", PASSWORD, null, false))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("invalid-client"));
		this.mvc
			.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("grant_type=client_credentials"))
			.andExpect(status().isUnauthorized());
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'CLIENT_TOKEN' "
						+ "AND user_id = 'demo-12345' AND result = 'FAILURE' AND detail = 'invalid-client'",
				Integer.class))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void onlyClientCredentialsIsSupported() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("grant_type=password&username=admin&password=" + PASSWORD))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("unsupported-grant-type"));
	}

	@Test
	void serviceClientsReachInternalPeopleAndIntegratingClientsDoNot() throws Exception {
		String service = accessToken("proposal-service", null);
		this.mvc
			.perform(get("/api/v1/internal/people").param("ids", "1001")
				.header(HttpHeaders.AUTHORIZATION, bearer(service)))
			.andExpect(status().isOk());
		String demo = accessToken("demo-12345", null);
		this.mvc
			.perform(
					get("/api/v1/internal/people").param("ids", "1001").header(HttpHeaders.AUTHORIZATION, bearer(demo)))
			.andExpect(status().isForbidden());
		// a client is no person: /me, logout and member lists are
		// forbidden
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(demo)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/members").header(HttpHeaders.AUTHORIZATION, bearer(demo)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/units/2").header(HttpHeaders.AUTHORIZATION, bearer(demo)))
			.andExpect(status().isOk());
	}

	private String accessToken(String clientId, String scope) throws Exception {
		return JsonPath.read(this.mvc.perform(token(clientId, PASSWORD, scope, true))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.access_token");
	}

	private static MockHttpServletRequestBuilder token(String clientId, String secret, String scope, boolean basic) {
		String form = "grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope.replace(" ", "+") : "");
		MockHttpServletRequestBuilder request = post("/oauth2/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		if (basic) {
			request.header(HttpHeaders.AUTHORIZATION, "Basic "
					+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
		}
		else {
			form += "&client_id=" + clientId + "&client_secret=" + secret.replace("@", "%40");
		}
		return request.content(form);
	}

}
