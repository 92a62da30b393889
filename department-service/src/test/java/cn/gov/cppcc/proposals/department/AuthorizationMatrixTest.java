package cn.gov.cppcc.proposals.department;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint of this service against every kind of caller: anonymous, each role, an
 * integrating client and a service. Writes are sent with invalid bodies (or at missing
 * targets), so an allowed caller gets a 4xx other than 401/403 and nothing changes; a
 * refused caller gets exactly 401 (anonymous) or 403.
 */
class AuthorizationMatrixTest extends IntegrationTest {

	record Endpoint(HttpMethod method, String path, String body, Set<String> allowed) {
	}

	private static final Set<String> PEOPLE = Set.of("member1", "committee1", "handler-gxt", "leader-gxt", "admin",
			"auditor");

	private static final Set<String> SIGNED_IN = Set.of("member1", "committee1", "handler-gxt", "leader-gxt", "admin",
			"auditor", "demo-12345", "proposal-service");

	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint(HttpMethod.GET, "/api/v1/me", null, PEOPLE),
			new Endpoint(HttpMethod.GET, "/api/v1/units", null, SIGNED_IN),
			new Endpoint(HttpMethod.GET, "/api/v1/units/1", null, SIGNED_IN),
			new Endpoint(HttpMethod.POST, "/api/v1/units", "{}", Set.of("admin")),
			new Endpoint(HttpMethod.PUT, "/api/v1/units/1", "{}", Set.of("admin")),
			new Endpoint(HttpMethod.DELETE, "/api/v1/units/999999", null, Set.of("admin")),
			new Endpoint(HttpMethod.GET, "/api/v1/members", null, Set.of("committee1", "admin")),
			new Endpoint(HttpMethod.POST, "/api/v1/users", "{}", Set.of("admin")),
			new Endpoint(HttpMethod.GET, "/api/v1/users/1001", null, Set.of("admin")),
			new Endpoint(HttpMethod.PUT, "/api/v1/users/1001", "{}", Set.of("admin")),
			new Endpoint(HttpMethod.GET, "/api/v1/audit-log", null, Set.of("auditor")),
			new Endpoint(HttpMethod.GET, "/api/v1/internal/people?role=COMMITTEE", null, Set.of("proposal-service")),
			new Endpoint(HttpMethod.GET, "/api/v1/internal/audit-log", null, Set.of("auditor", "proposal-service")),
			new Endpoint(HttpMethod.POST, "/api/v1/admin/signing-keys/rotate", null, Set.of("admin")),
			new Endpoint(HttpMethod.POST, "/api/v1/auth/logout", "{\"refreshToken\":\"unknown\"}",
					Set.of("member1", "committee1", "handler-gxt", "leader-gxt", "admin", "auditor")),
			new Endpoint(HttpMethod.GET, "/api/v1/nothing-here", null, Set.of()),
			new Endpoint(HttpMethod.DELETE, "/api/v1/users/1001", null, Set.of()));

	@Test
	void everyCallerAgainstEveryEndpoint() throws Exception {
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("anonymous", null);
		for (String user : PEOPLE) {
			tokens.put(user, login(user));
		}
		tokens.put("demo-12345", clientToken("demo-12345"));
		tokens.put("proposal-service", clientToken("proposal-service"));
		List<String> wrong = new java.util.ArrayList<>();
		for (Endpoint endpoint : ENDPOINTS) {
			for (Map.Entry<String, String> caller : tokens.entrySet()) {
				MockHttpServletRequestBuilder call = request(endpoint.method(), endpoint.path());
				if (endpoint.body() != null) {
					call.contentType(MediaType.APPLICATION_JSON).content(endpoint.body());
				}
				if (caller.getValue() != null) {
					call.header(HttpHeaders.AUTHORIZATION, bearer(caller.getValue()));
				}
				int status = this.mvc.perform(call).andReturn().getResponse().getStatus();
				boolean allowed = endpoint.allowed().contains(caller.getKey());
				int refused = (caller.getValue() == null) ? 401 : 403;
				boolean ok = allowed ? (status != 401 && status != 403 && status < 500) : status == refused;
				if (!ok) {
					wrong.add(caller.getKey() + " " + endpoint.method() + " " + endpoint.path() + " -> " + status);
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	private String clientToken(String clientId) throws Exception {
		return JsonPath.read(this.mvc
			.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("grant_type=client_credentials&client_id=" + clientId + "&client_secret=Demo%402026"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.access_token");
	}

}
