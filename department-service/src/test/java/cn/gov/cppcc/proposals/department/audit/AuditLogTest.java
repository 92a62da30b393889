package cn.gov.cppcc.proposals.department.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AuditLogTest extends IntegrationTest {

	@Autowired
	LogRetentionJob retention;

	@Test
	void onlyTheAuditorReadsTheAuditLog() throws Exception {
		for (String user : new String[] { "admin", "committee1", "member1" }) {
			this.mvc.perform(get("/api/v1/audit-log").header(HttpHeaders.AUTHORIZATION, bearer(login(user))))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/api/v1/audit-log")).andExpect(status().isUnauthorized());
	}

	@Test
	void mergesWhatIsAvailableAndNamesTheMissingSources() throws Exception {
		NOTIFICATION_AUDIT.set("{\"items\":[{\"id\":\"7\",\"occurredAt\":\"2099-01-01T08:00:00+08:00\","
				+ "\"userId\":\"9001\",\"username\":\"admin\",\"roles\":[\"ADMIN\"],\"action\":\"WEBHOOK_CREATE\","
				+ "\"targetType\":\"WEBHOOK\",\"targetId\":\"3\",\"result\":\"SUCCESS\",\"ip\":\"10.0.0.1\"}],"
				+ "\"page\":1,\"size\":100,\"total\":1}");
		String auditor = login("auditor");
		this.mvc.perform(get("/api/v1/audit-log").header(HttpHeaders.AUTHORIZATION, bearer(auditor)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].source").value("notification-service"))
			.andExpect(jsonPath("$.items[0].action").value("WEBHOOK_CREATE"))
			.andExpect(jsonPath("$.items[1].source").value("department-service"))
			.andExpect(jsonPath("$.sources")
				.value(org.hamcrest.Matchers.contains("department-service", "notification-service")))
			.andExpect(jsonPath("$.missingSources")
				.value(org.hamcrest.Matchers.containsInAnyOrder("proposal-service", "statistics-service")));
		// other services filter by user id: the username is resolved to it
		this.mvc
			.perform(get("/api/v1/audit-log").param("user", "admin").header(HttpHeaders.AUTHORIZATION, bearer(auditor)))
			.andExpect(status().isOk());
		assertThat(NOTIFICATION_QUERY.get()).contains("userId=9001");
		// the stub now answers 500 with a problem body: left out and named too
		NOTIFICATION_AUDIT.set(null);
		this.mvc.perform(get("/api/v1/audit-log").header(HttpHeaders.AUTHORIZATION, bearer(auditor)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.missingSources").value(org.hamcrest.Matchers.containsInAnyOrder("proposal-service",
					"statistics-service", "notification-service")));
	}

	@Test
	void filtersByUserActionAndTime() throws Exception {
		String auditor = login("auditor");
		// a write by admin to filter for
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/units/5")
				.header(HttpHeaders.AUTHORIZATION, bearer(login("admin")))
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content(
						"{\"code\":\"CZT\",\"name\":\"省财政厅\",\"shortName\":\"省财政厅\",\"type\":\"PROVINCIAL_DEPARTMENT\","
								+ "\"responsibilities\":\"负责全省财政收支、预算管理。\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(get("/api/v1/internal/audit-log").param("action", "UNIT_UPDATE")
				.param("username", "admin")
				.param("from", Instant.now().minus(1, ChronoUnit.HOURS).toString())
				.header(HttpHeaders.AUTHORIZATION, bearer(auditor)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].action").value("UNIT_UPDATE"))
			.andExpect(jsonPath("$.items[0].targetId").value("5"))
			.andExpect(jsonPath("$.items[0].username").value("admin"))
			.andExpect(jsonPath("$.items[0].requestId").isNotEmpty());
		this.mvc
			.perform(get("/api/v1/audit-log").param("action", "UNIT_UPDATE")
				.param("to", "2000-01-01T00:00:00+08:00")
				.header(HttpHeaders.AUTHORIZATION, bearer(auditor)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.source == 'department-service')]").isEmpty());
		this.mvc
			.perform(get("/api/v1/audit-log").param("from", "yesterday")
				.header(HttpHeaders.AUTHORIZATION, bearer(auditor)))
			.andExpect(status().isBadRequest());
	}

	@Test
	void retentionPrunesOnlyOldRows() {
		this.jdbc.update(
				"INSERT INTO audit_log (occurred_at, action, result) VALUES (UTC_TIMESTAMP(3) - INTERVAL 200 DAY, 'OLD_ACTION', 'SUCCESS')");
		this.jdbc.update(
				"INSERT INTO audit_log (occurred_at, action, result) VALUES (UTC_TIMESTAMP(3) - INTERVAL 100 DAY, 'KEPT_ACTION', 'SUCCESS')");
		this.jdbc.update(
				"INSERT INTO login_log (occurred_at, username, result) VALUES (UTC_TIMESTAMP(3) - INTERVAL 200 DAY, 'old-login', 'SUCCESS')");
		this.retention.prune();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'OLD_ACTION'", Integer.class))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'KEPT_ACTION'", Integer.class))
			.isEqualTo(1);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM login_log WHERE username = 'old-login'", Integer.class))
			.isZero();
	}

}
