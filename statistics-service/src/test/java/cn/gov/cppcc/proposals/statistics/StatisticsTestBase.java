package cn.gov.cppcc.proposals.statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import tools.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * One Spring context for every integration test: the real embedded MariaDB with the real
 * Flyway migrations; proposal-service and department-service are a {@link StubServer}
 * (found through the same static discovery the service uses). The live poller is off: the
 * tests drive it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.statistics.feed.enabled=false", "platform.statistics.minimum-for-ranking=2",
				"platform.statistics.feed.page-size=20",
				"spring.cloud.openfeign.client.config.proposalEvents.read-timeout=1500" })
@AutoConfigureMockMvc
public abstract class StatisticsTestBase {

	protected static final StubServer STUB = StubServer.start();

	@Autowired
	protected MockMvc mvc;

	@LocalServerPort
	protected int port;

	@BeforeEach
	void stubKnowsTheService() {
		STUB.setServiceUrl("http://127.0.0.1:" + this.port);
	}

	@DynamicPropertySource
	static void stubServices(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.proposal-service[0].uri", STUB::url);
		registry.add("spring.cloud.discovery.client.simple.instances.department-service[0].uri", STUB::url);
	}

	/**
	 * A signed-in caller as the verified token would describe them.
	 * @param unitId the unit of unit staff, else {@code null}
	 * @param roles roles without prefix
	 */
	protected static RequestPostProcessor as(String userId, String unitId, String... roles) {
		List<GrantedAuthority> authorities = Arrays.stream(roles)
			.map((r) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
			.toList();
		return SecurityMockMvcRequestPostProcessors.jwt().jwt((jwt) -> {
			jwt.subject(userId).claim("preferred_username", userId).claim("roles", List.of(roles));
			jwt.claim("token_kind", "user");
			if (unitId != null) {
				jwt.claim("unit_id", unitId);
			}
		}).authorities(authorities);
	}

	/** The JSON body of a 200 answer to this request by this caller. */
	protected JsonNode json(MockHttpServletRequestBuilder request, RequestPostProcessor caller) throws Exception {
		MvcResult result = this.mvc.perform(request.with(caller)).andExpect(status().isOk()).andReturn();
		return StubServer.JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	/** The number beside a label in the first two columns of a workbook sheet. */
	protected static double value(Sheet sheet, String name) {
		for (Row row : sheet) {
			if (name.equals(row.getCell(0).getStringCellValue())) {
				return row.getCell(1).getNumericCellValue();
			}
		}
		throw new AssertionError("no line " + name);
	}

	/**
	 * Every table of the read model, in a fixed order: replays and rebuilds must leave
	 * them equal. The aggregates kept event by event must equal the ones the rebuild sums
	 * up (V3__aggregates.sql).
	 */
	protected static List<List<Map<String, Object>>> readModelTables(JdbcTemplate jdbc) {
		List<List<Map<String, Object>>> tables = new ArrayList<>();
		tables.add(jdbc.queryForList("SELECT * FROM proposal_fact ORDER BY proposal_id"));
		tables.add(jdbc.queryForList("SELECT * FROM unit_assignment ORDER BY proposal_id, unit_id"));
		tables.add(jdbc.queryForList("SELECT * FROM processed_event ORDER BY event_id"));
		tables.add(jdbc.queryForList("SELECT * FROM agg_session_category ORDER BY session_key, category, term"));
		tables.add(jdbc.queryForList("SELECT * FROM agg_session_unit ORDER BY session_key, unit_id"));
		tables.add(jdbc.queryForList("SELECT * FROM agg_days ORDER BY session_key, unit_id, days"));
		tables.add(jdbc.queryForList("SELECT * FROM agg_month ORDER BY session_key, month"));
		return tables;
	}

}
