package cn.gov.cppcc.proposals.common.openapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec says who may call each operation as the security rules decide it, and carries
 * problem+json errors, the success status and the example of operations.json.
 */
class PlatformOpenApiCustomizerTests {

	static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	/**
	 * The shape HttpSecurity.authorizeHttpRequests builds, with rules like a service's.
	 */
	static AccessProbe probe() {
		RequestMatcherDelegatingAuthorizationManager rules = RequestMatcherDelegatingAuthorizationManager.builder()
			.add(PATHS.matcher(HttpMethod.GET, "/api/v1/public/replies/{id}"),
					(auth, ctx) -> new AuthorizationDecision(true))
			.add(PATHS.matcher(HttpMethod.POST, "/api/v1/units"), AuthorityAuthorizationManager.hasRole("ADMIN"))
			.add(PATHS.matcher(HttpMethod.GET, "/api/v1/members"),
					AuthorityAuthorizationManager.hasAnyRole("COMMITTEE", "ADMIN"))
			.add(PATHS.matcher(HttpMethod.GET, "/api/v1/events"),
					AuthorityAuthorizationManager.hasAuthority("SCOPE_events:read"))
			.add(PATHS.matcher(HttpMethod.GET, "/api/v1/me"), AuthenticatedAuthorizationManager.authenticated())
			.add(AnyRequestMatcher.INSTANCE, (auth, ctx) -> new AuthorizationDecision(false))
			.build();
		return new AccessProbe(List
			.of(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE, List.of(new AuthorizationFilter(rules)))));
	}

	@Test
	void theRulesDecideWhoMayCall() {
		AccessProbe probe = probe();
		assertThat(probe.access("GET", "/api/v1/public/replies/{id}").xRoles()).containsExactly("anyone");
		assertThat(probe.access("POST", "/api/v1/units").xRoles()).containsExactly("ADMIN");
		assertThat(probe.access("GET", "/api/v1/members").xRoles()).containsExactly("COMMITTEE", "ADMIN");
		AccessProbe.Access events = probe.access("GET", "/api/v1/events");
		assertThat(events.xRoles()).isEmpty();
		assertThat(events.scopes()).containsExactly("events:read");
		assertThat(probe.access("GET", "/api/v1/me").xRoles()).containsExactly("signed in");
		// another method on the same path falls to denyAll
		assertThat(probe.access("DELETE", "/api/v1/units").xRoles()).isEmpty();
		assertThat(probe.access("DELETE", "/api/v1/units").sentence()).isEqualTo("nobody through the gateway");
	}

	@Test
	void theSpecCarriesRolesErrorsStatusAndExample() {
		String operations = """
				{"POST /api/v1/units": {"summary": "Create a unit", "status": "201",
				  "problems": {"409": "unit-code-taken"}, "example": {"code": "SJYT", "name": "省教育厅"}}}
				""";
		PlatformOpenApiCustomizer customizer = new PlatformOpenApiCustomizer("department-service", "1", probe(),
				new ByteArrayResource(operations.getBytes(StandardCharsets.UTF_8)));
		Operation create = new Operation().operationId("unitCreate")
			.requestBody(new RequestBody().content(new Content().addMediaType("application/json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/UnitRequest")))))
			.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
		Operation reply = new Operation().operationId("publicReplyGet")
			.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
		OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/v1/units", new PathItem().post(create))
			.addPathItem("/api/v1/public/replies/{id}", new PathItem().get(reply)));

		customizer.customise(api);

		assertThat(create.getExtensions()).containsEntry("x-roles", List.of("ADMIN"));
		assertThat(create.getDescription()).startsWith("**Who may call:** role ADMIN.");
		assertThat(create.getSummary()).isEqualTo("Create a unit");
		assertThat(create.getSecurity()).hasSize(1);
		assertThat(create.getSecurity().get(0)).containsKey("bearer");
		assertThat(create.getResponses()).containsKeys("201", "400", "401", "403", "409", "413", "415", "429")
			.doesNotContainKey("200");
		assertThat(create.getResponses().get("409").getContent().get("application/problem+json").getSchema().get$ref())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(create.getRequestBody().getContent().get("application/json").getExample())
			.isEqualTo(Map.of("code", "SJYT", "name", "省教育厅"));

		assertThat(reply.getExtensions()).containsEntry("x-roles", List.of("anyone"));
		assertThat(reply.getSecurity()).isEmpty();
		assertThat(reply.getResponses()).containsKeys("200", "404", "429").doesNotContainKeys("401", "403");
		assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer")
			.doesNotContainKey("clientCredentials");
		assertThat(api.getComponents().getSchemas().get("Problem").getProperties()).containsKeys("type", "title",
				"status", "detail", "instance", "code", "requestId", "errors");
	}

}
