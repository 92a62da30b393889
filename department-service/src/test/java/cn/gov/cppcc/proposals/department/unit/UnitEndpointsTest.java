package cn.gov.cppcc.proposals.department.unit;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class UnitEndpointsTest extends IntegrationTest {

	@Test
	void seededUnitsAreListedPagedAndSearchable() throws Exception {
		String token = login("member1");
		this.mvc.perform(get("/api/v1/units").param("size", "100").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(100))
			.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(60)))
			.andExpect(jsonPath("$.items[0].id").value("1"))
			.andExpect(jsonPath("$.items[0].code").value("FGW"));
		this.mvc.perform(get("/api/v1/units").param("q", "政务服务").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("3"))
			.andExpect(jsonPath("$.items[0].name").value("省政务服务管理办公室"));
		this.mvc
			.perform(get("/api/v1/units").param("type", "CITY_GOVERNMENT")
				.header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(jsonPath("$.total").value(13))
			.andExpect(jsonPath("$.items[0].id").value("101"));
		this.mvc.perform(get("/api/v1/units").param("size", "101").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		this.mvc.perform(get("/api/v1/units").param("type", "PLANET").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/units/4").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"0\""))
			.andExpect(jsonPath("$.parentId").value("3"))
			.andExpect(jsonPath("$.responsibilities").value(org.hamcrest.Matchers.containsString("数据共享交换平台")));
		this.mvc.perform(get("/api/v1/units/999999").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not-found"));
		this.mvc.perform(get("/api/v1/units")).andExpect(status().isUnauthorized());
	}

	@Test
	void onlyAdminMaintainsUnits() throws Exception {
		String body = unitJson("T" + suffix(), null);
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(login("member1")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("forbidden"));
		this.mvc
			.perform(put("/api/v1/units/2").header(HttpHeaders.AUTHORIZATION, bearer(login("committee1")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/v1/units").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized());
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND result = 'DENIED' AND username = 'member1'",
				Integer.class))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void adminCreatesUpdatesAndDeletesAUnitWithTheRulesOfTheTree() throws Exception {
		String admin = login("admin");
		String code = "T" + suffix();
		MvcResult created = this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.header("User-Agent", "unit-test")
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, "3")))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/v1/units/")))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.parentId").value("3"))
			.andReturn();
		String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'UNIT_CREATE' AND target_id = ? AND result = 'SUCCESS' "
						+ "AND username = 'admin' AND roles = 'ADMIN' AND user_agent = 'unit-test' AND ip IS NOT NULL "
						+ "AND request_id IS NOT NULL",
				Integer.class, id))
			.isEqualTo(1);

		// the same code again
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, null)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("unit-code-taken"));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_log WHERE action = 'UNIT_CREATE' AND result = 'FAILURE' AND detail = 'unit-code-taken'",
				Integer.class))
			.isGreaterThanOrEqualTo(1);

		// a child under the new unit, then the new unit under its child: a cycle
		String child = JsonPath.read(this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson("C" + suffix(), id)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		this.mvc
			.perform(put("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, child)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("unit-cycle"));
		this.mvc
			.perform(put("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, id)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("unit-cycle"));

		// update with If-Match: the current version works, a stale one is 412
		this.mvc
			.perform(put("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.header(HttpHeaders.IF_MATCH, "\"0\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, null)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
			.andExpect(jsonPath("$.parentId").doesNotExist());
		this.mvc
			.perform(put("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.header(HttpHeaders.IF_MATCH, "\"0\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, null)))
			.andExpect(status().isPreconditionFailed());

		// in use by a child unit: refused; the child goes first, then the unit
		this.mvc.perform(delete("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("unit-in-use"));
		this.mvc.perform(delete("/api/v1/units/" + child).header(HttpHeaders.AUTHORIZATION, bearer(admin)))
			.andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin)))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/units/" + id).header(HttpHeaders.AUTHORIZATION, bearer(admin)))
			.andExpect(status().isNotFound());
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswer() throws Exception {
		String admin = login("admin");
		String key = UUID.randomUUID().toString();
		String code = "I" + suffix();
		MvcResult first = this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, null)))
			.andExpect(status().isCreated())
			.andReturn();
		String id = JsonPath.read(first.getResponse().getContentAsString(), "$.id");
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson(code, null)))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/units/" + id))
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(jsonPath("$.id").value(id));
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson("J" + suffix(), null)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("idempotency-key-reused"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM unit WHERE code = ?", Integer.class, code))
			.isEqualTo(1);
	}

	@Test
	void aUnitWithAccountsCannotBeDeleted() throws Exception {
		this.mvc.perform(delete("/api/v1/units/2").header(HttpHeaders.AUTHORIZATION, bearer(login("admin"))))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("unit-in-use"));
	}

	@Test
	void badBodiesAreProblemsNotErrors() throws Exception {
		String admin = login("admin");
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\": \"X1\", \"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("malformed-request"));
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"X1\",\"name\":\"某单位\",\"type\":\"PLANET\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("malformed-request"));
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"x' OR 1=1 --\",\"name\":\"\",\"type\":\"ORGANISATION\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[?(@.field == 'code')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists());
		this.mvc
			.perform(post("/api/v1/units").header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(unitJson("P" + suffix(), "999999")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("unit-parent-not-found"));
	}

	private static String unitJson(String code, String parentId) {
		return "{\"code\":\"" + code + "\",\"name\":\"测试单位" + code + "\",\"type\":\"ORGANISATION\","
				+ "\"responsibilities\":\"负责测试。\"" + ((parentId != null) ? ",\"parentId\":\"" + parentId + "\"" : "")
				+ "}";
	}

	private static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
	}

}
