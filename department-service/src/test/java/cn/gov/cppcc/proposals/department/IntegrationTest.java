package cn.gov.cppcc.proposals.department;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One application context for every integration test: the real application on the
 * embedded MariaDB with the real Flyway migrations and the demo seed. proposal-service
 * and statistics-service point at a closed port (they are "down"); notification-service
 * is a stub HTTP server answering one audit row, or an error body when told to.
 */
@SpringBootTest(
		properties = { "spring.cloud.discovery.client.simple.instances.proposal-service[0].uri=http://127.0.0.1:1",
				"spring.cloud.discovery.client.simple.instances.statistics-service[0].uri=http://127.0.0.1:1",
				"spring.cloud.openfeign.client.config.default.read-timeout=2000" })
@AutoConfigureMockMvc
public abstract class IntegrationTest {

	protected static final String PASSWORD = "Demo@2026";

	/** What the notification-service stub answers on its internal audit log. */
	protected static final AtomicReference<String> NOTIFICATION_AUDIT = new AtomicReference<>();

	/** The query string of the last call to the notification-service stub. */
	protected static final AtomicReference<String> NOTIFICATION_QUERY = new AtomicReference<>();

	private static final HttpServer STUB = startStub();

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcTemplate jdbc;

	@DynamicPropertySource
	static void stubProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.notification-service[0].uri",
				() -> "http://127.0.0.1:" + STUB.getAddress().getPort());
	}

	private static HttpServer startStub() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/api/v1/internal/audit-log", (exchange) -> {
				NOTIFICATION_QUERY.set(exchange.getRequestURI().getRawQuery());
				String body = NOTIFICATION_AUDIT.get();
				int status = 200;
				String type = "application/json";
				if (body == null) {
					status = 500;
					type = "application/problem+json";
					body = "{\"type\":\"/problems/internal-error\",\"status\":500,\"code\":\"internal-error\"}";
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", type);
				exchange.sendResponseHeaders(status, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected String login(String username) throws Exception {
		return login(username, PASSWORD);
	}

	protected String login(String username, String password) throws Exception {
		return JsonPath.read(loginResponse(username, password).getResponse().getContentAsString(), "$.accessToken");
	}

	protected MvcResult loginResponse(String username, String password) throws Exception {
		return this.mvc
			.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.andExpect(status().isOk())
			.andReturn();
	}

	protected static String bearer(String token) {
		return "Bearer " + token;
	}

	protected static String read(MvcResult result, String path) throws Exception {
		Object value = JsonPath.read(result.getResponse().getContentAsString(), path);
		return (value != null) ? String.valueOf(value) : null;
	}

}
