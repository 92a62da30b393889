package cn.gov.cppcc.proposals.department;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Provider side of the contracts other services rely on (docs/DEVELOPING.md "Feign"):
 * proposal-service and the suggestion engine read units, notification-service and
 * proposal-service read people. Renaming or retyping one of these fields breaks them.
 */
class ProviderContractTest extends IntegrationTest {

	@Test
	void unitFields() throws Exception {
		this.mvc.perform(get("/api/v1/units/2").header(HttpHeaders.AUTHORIZATION, bearer(serviceToken())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("2"))
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.code").value("GXT"))
			.andExpect(jsonPath("$.name").value("省工业和信息化厅"))
			.andExpect(jsonPath("$.shortName").value("省工信厅"))
			.andExpect(jsonPath("$.type").value("PROVINCIAL_DEPARTMENT"))
			.andExpect(jsonPath("$.parentId").doesNotExist())
			.andExpect(jsonPath("$.responsibilities").isString())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.version").isNumber());
		this.mvc.perform(get("/api/v1/units/34").header(HttpHeaders.AUTHORIZATION, bearer(serviceToken())))
			.andExpect(jsonPath("$.parentId").value("6"));
	}

	@Test
	void peopleFieldsByIdsUnitAndRole() throws Exception {
		String token = serviceToken();
		this.mvc
			.perform(get("/api/v1/internal/people").param("ids", "1001,3001")
				.header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].id").value("1001"))
			.andExpect(jsonPath("$[0].username").value("member1"))
			.andExpect(jsonPath("$[0].name").value("曹丽虹"))
			.andExpect(jsonPath("$[0].roles[0]").value("MEMBER"))
			.andExpect(jsonPath("$[0].unitId").doesNotExist())
			.andExpect(jsonPath("$[0].sector").value("经济界"))
			.andExpect(jsonPath("$[0].email").value("member1@example.gov.cn"))
			.andExpect(jsonPath("$[0].phone").value("13800001001"))
			.andExpect(jsonPath("$[0].enabled").value(true))
			.andExpect(jsonPath("$[1].unitId").value("2"));
		this.mvc
			.perform(get("/api/v1/internal/people").param("unitId", "2")
				.param("role", "UNIT_HANDLER")
				.header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("3001"))
			.andExpect(jsonPath("$[?(@.id == '3002')]").doesNotExist());
		this.mvc
			.perform(get("/api/v1/internal/people").param("role", "COMMITTEE")
				.header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == '2001')]").exists())
			.andExpect(jsonPath("$[?(@.id == '1001')]").doesNotExist());
		this.mvc
			.perform(
					get("/api/v1/internal/people").param("ids", "1,x").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/internal/people").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isBadRequest());
		// people are not for users, not even ADMIN
		this.mvc
			.perform(get("/api/v1/internal/people").param("ids", "1001")
				.header(HttpHeaders.AUTHORIZATION, bearer(login("admin"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void theApiDescriptionIsOpenForTheGateway() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/auth/login']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/units/{id}']").exists())
			.andExpect(jsonPath("$.paths['/oauth2/token']").exists());
	}

	private String serviceToken() throws Exception {
		return JsonPath.read(this.mvc
			.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("grant_type=client_credentials&client_id=notification-service&client_secret=Demo%402026"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.access_token");
	}

}
