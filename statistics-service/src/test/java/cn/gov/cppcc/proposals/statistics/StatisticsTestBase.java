package cn.gov.cppcc.proposals.statistics;

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

}
