package cn.gov.cppcc.proposals.department.user;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PeopleEndpointsTest extends IntegrationTest {

	@Test
	void membersAreMaskedForCommitteeAndPlainForAdmin() throws Exception {
		this.mvc
			.perform(get("/api/v1/members").param("q", "曹丽虹")
				.header(HttpHeaders.AUTHORIZATION, bearer(login("committee1"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value("1001"))
			.andExpect(jsonPath("$.items[0].sector").value("经济界"))
			.andExpect(jsonPath("$.items[0].phone").value("138****1001"))
			.andExpect(jsonPath("$.items[0].email").value("m***@example.gov.cn"));
		this.mvc
			.perform(get("/api/v1/members").param("q", "曹丽虹").header(HttpHeaders.AUTHORIZATION, bearer(login("admin"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].phone").value("13800001001"));
		for (String user : new String[] { "member1", "handler-gxt", "auditor" }) {
			this.mvc.perform(get("/api/v1/members").header(HttpHeaders.AUTHORIZATION, bearer(login(user))))
				.andExpect(status().isForbidden());
		}
	}

	@Test
	void weakPasswordsAreRefused() throws Exception {
		String admin = login("admin");
		for (String weak : new String[] { "short1A!", "alllowercaseletters", "NoDigitsOrSymbolsHere",
				"weak-" + "abc" }) {
			this.mvc
				.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(admin))
					.contentType(MediaType.APPLICATION_JSON)
					.content(user("weak" + UUID.randomUUID().toString().substring(0, 6), weak, "[\"MEMBER\"]", null)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("password-too-weak"));
		}
	}

	@Test
	void unitStaffNeedAnExistingUnitAndUsernamesAreUnique() throws Exception {
		String admin = login("admin");
		this.mvc
			.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(user("staff" + UUID.randomUUID().toString().substring(0, 6), "Str0ng-Passw0rd",
						"[\"UNIT_HANDLER\"]", null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("unitId"));
		this.mvc
			.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(user("member1", "Str0ng-Passw0rd", "[\"MEMBER\"]", null)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("username-taken"));
		this.mvc
			.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(user("role" + UUID.randomUUID().toString().substring(0, 6), "Str0ng-Passw0rd", "[\"KING\"]",
						null)))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(login("committee1")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(user("x" + UUID.randomUUID().toString().substring(0, 6), "Str0ng-Passw0rd", "[\"ADMIN\"]",
						null)))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(user("h" + UUID.randomUUID().toString().substring(0, 6), "Str0ng-Passw0rd",
						"[\"UNIT_HANDLER\"]", "5")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.unitId").value("5"))
			.andExpect(jsonPath("$.phone").value("13912345678"));
	}

	@Test
	void theLastAdministratorCannotBeDisabledOrDemoted() throws Exception {
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/users/9001")
				.header(HttpHeaders.AUTHORIZATION, bearer(login("admin")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"displayName\":\"系统管理员\",\"roles\":[\"AUDITOR\"],\"enabled\":true}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("last-admin"));
		this.mvc.perform(get("/api/v1/users/9001").header(HttpHeaders.AUTHORIZATION, bearer(login("admin"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roles[0]").value("ADMIN"))
			.andExpect(jsonPath("$.enabled").value(true));
	}

	private static String user(String username, String password, String roles, String unitId) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"displayName\":\"测试\","
				+ "\"roles\":" + roles + ",\"phone\":\"13912345678\""
				+ ((unitId != null) ? ",\"unitId\":\"" + unitId + "\"" : "") + "}";
	}

}
