package cn.gov.cppcc.proposals.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * What every service's spec carries besides what springdoc reads from the controllers:
 * who may call each operation (from the security rules, {@link AccessProbe}) as
 * {@code x-roles}/{@code x-scopes} and in the description, the security schemes, the
 * error answers as {@code application/problem+json} with the shared {@code Problem}
 * schema, and, from the service's {@code openapi/operations.json}, a summary, the success
 * status and an example request body for each operation.
 *
 * <p>
 * {@code openapi/operations.json}: {@code {"POST /api/v1/units": {"summary": "...",
 * "status": 201, "example": {...}, "problems": {"409": "illegal-transition"}}}}.
 */
public class PlatformOpenApiCustomizer implements OpenApiCustomizer {

	static final String PROBLEM = "application/problem+json";

	static final String PROBLEM_REF = "#/components/schemas/Problem";

	private static final Map<String, String[]> COMMON_PROBLEMS = Map.of("400",
			new String[] { "validation-failed", "请求参数校验失败 (validation failed; `errors[]` names each field)" }, "401",
			new String[] { "unauthorized", "缺少或无效的访问令牌 (no valid bearer token)" }, "403",
			new String[] { "forbidden", "无权执行此操作 (the caller's role may not do this)" }, "404",
			new String[] { "not-found", "不存在或不在您的数据范围内 (not found, or outside the caller's data scope)" }, "429",
			new String[] { "rate-limited", "请求过于频繁 (rate limit of the gateway; see Retry-After)" }, "409",
			new String[] { "illegal-transition", "当前状态不允许此操作 (the record's state does not allow this)" }, "412",
			new String[] { "precondition-failed", "记录已被他人修改 (If-Match is stale)" }, "413",
			new String[] { "payload-too-large", "请求体过大 (body over the limit)" }, "415",
			new String[] { "unsupported-media-type", "不支持的内容类型 (content type not accepted)" }, "422",
			new String[] { "idempotency-key-reused", "幂等键已用于其他请求 (Idempotency-Key reused with another body)" });

	private final String application;

	private final String version;

	private final AccessProbe probe;

	private final Map<String, JsonNode> operations;

	PlatformOpenApiCustomizer(String application, String version, AccessProbe probe, Resource operations) {
		this.application = application;
		this.version = version;
		this.probe = probe;
		this.operations = read(operations);
	}

	PlatformOpenApiCustomizer(String application, String version, AccessProbe probe) {
		this(application, version, probe, new ClassPathResource("openapi/operations.json"));
	}

	private static Map<String, JsonNode> read(Resource resource) {
		Map<String, JsonNode> map = new LinkedHashMap<>();
		if (!resource.exists()) {
			return map;
		}
		try (InputStream in = resource.getInputStream()) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				map.put(entry.getKey(), entry.getValue());
			}
			return map;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void customise(OpenAPI api) {
		api.info(new Info().title(this.application + " · 政协提案办理平台 API").version(this.version).description("""
				One of the platform's services, served through the gateway. Every error is \
				`application/problem+json` (RFC 9457: `type`, `title`, `status`, `detail`, `instance`, `code`, \
				`requestId`, `errors[]` for validation), Chinese by default, English with `Accept-Language: en`. \
				People sign in with `POST /api/v1/auth/login`, integrating systems get a token with \
				`POST /oauth2/token` (client credentials); send it as `Authorization: Bearer <token>`. \
				Each operation says who may call it (`x-roles`, `x-scopes`); records outside the caller's \
				data scope answer 404."""));
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		api.components(components);
		components.addSecuritySchemes("bearer",
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("Access token (RS256 JWT, 15 minutes) from POST /api/v1/auth/login or /oauth2/token"));
		Scopes scopes = new Scopes();
		scopes.addString("proposals:read", "filed proposals and replies");
		scopes.addString("events:read", "the event feed");
		scopes.addString("webhooks:manage", "webhook subscriptions");
		components.addSecuritySchemes("clientCredentials", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
			.description("Integrating government systems (OAuth2 client credentials)")
			.flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(scopes))));
		components.addSchemas("Problem", problemSchema());
		components.addSchemas("FieldProblem", fieldProblemSchema());
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			customise(method, path, operation);
		}));
		boolean clientCredentialsUsed = api.getPaths()
			.values()
			.stream()
			.flatMap((item) -> item.readOperations().stream())
			.anyMatch((operation) -> operation.getSecurity() != null && operation.getSecurity()
				.stream()
				.anyMatch((requirement) -> requirement.containsKey("clientCredentials")));
		if (!clientCredentialsUsed) {
			components.getSecuritySchemes().remove("clientCredentials");
		}
		Map<String, PathItem> sorted = new TreeMap<>(api.getPaths());
		api.getPaths().clear();
		sorted.forEach(api.getPaths()::addPathItem);
	}

	private void customise(PathItem.HttpMethod httpMethod, String path, Operation operation) {
		String method = httpMethod.name();
		String key = method + " " + path;
		JsonNode doc = this.operations.get(key);
		AccessProbe.Access access = this.probe.access(method, path);
		operation.addExtension("x-roles", access.xRoles());
		if (!access.scopes().isEmpty()) {
			operation.addExtension("x-scopes", new ArrayList<>(access.scopes()));
		}
		if (access.anyone()) {
			operation.setSecurity(new ArrayList<>());
		}
		else {
			List<SecurityRequirement> security = new ArrayList<>();
			if (!access.roles().isEmpty() || access.anySignedIn()) {
				security.add(new SecurityRequirement().addList("bearer"));
			}
			if (!access.scopes().isEmpty()) {
				security.add(new SecurityRequirement().addList("clientCredentials", new ArrayList<>(access.scopes())));
				if (access.roles().isEmpty() && !access.anySignedIn()) {
					security.add(new SecurityRequirement().addList("bearer"));
				}
			}
			operation.setSecurity(security.isEmpty() ? List.of(new SecurityRequirement().addList("bearer")) : security);
		}
		if (doc != null && doc.hasNonNull("summary") && operation.getSummary() == null) {
			operation.setSummary(doc.get("summary").asString());
		}
		if (operation.getSummary() == null) {
			operation.setSummary(method + " " + path);
		}
		String who = "**Who may call:** " + access.sentence() + ".";
		String description = operation.getDescription();
		if (doc != null && doc.hasNonNull("description")) {
			description = (description == null) ? doc.get("description").asString()
					: description + "\n\n" + doc.get("description").asString();
		}
		operation.setDescription((description == null) ? who : who + "\n\n" + description);
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		if (doc != null && doc.hasNonNull("status")) {
			String status = doc.get("status").asString();
			ApiResponse ok = responses.remove("200");
			if (ok != null && !responses.containsKey(status)) {
				if ("204".equals(status)) {
					ok.setContent(null);
				}
				responses.addApiResponse(status, ok.description(describe(status)));
			}
		}
		boolean hasInput = operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (hasInput) {
			addProblem(responses, "400", null);
		}
		if (!access.anyone()) {
			addProblem(responses, "401", null);
			addProblem(responses, "403", null);
		}
		if (path.contains("{")) {
			addProblem(responses, "404", null);
		}
		if (operation.getRequestBody() != null) {
			addProblem(responses, "413", null);
			addProblem(responses, "415", null);
		}
		if (doc != null && doc.has("problems")) {
			for (Map.Entry<String, JsonNode> problem : doc.get("problems").properties()) {
				addProblem(responses, problem.getKey(), problem.getValue().asString());
			}
		}
		addProblem(responses, "429", null);
		if (doc != null && doc.has("example") && operation.getRequestBody() != null
				&& operation.getRequestBody().getContent() != null) {
			Object example = JsonMapper.builder().build().convertValue(doc.get("example"), Object.class);
			operation.getRequestBody().getContent().values().forEach((media) -> media.setExample(example));
		}
		// springdoc answers every error as */*; ours are problem+json only
		responses.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				if (response.getContent() == null || !response.getContent().containsKey(PROBLEM)) {
					response.setContent(problemContent(status, null));
				}
			}
		});
	}

	private static String describe(String status) {
		return switch (status) {
			case "201" -> "Created (the new resource's URI is in `Location`)";
			case "202" -> "Accepted";
			case "204" -> "Done, no content";
			default -> "OK";
		};
	}

	private static void addProblem(ApiResponses responses, String status, String code) {
		if (responses.containsKey(status)) {
			return;
		}
		String[] known = COMMON_PROBLEMS.get(status);
		String description = (known != null) ? known[1] : "Problem (" + status + ")";
		if (code != null && known != null && !code.equals(known[0])) {
			description = "`" + code + "`";
		}
		responses.addApiResponse(status, new ApiResponse().description(description)
			.content(problemContent(status, (code != null) ? code : (known != null) ? known[0] : null)));
	}

	private static Content problemContent(String status, String code) {
		String resolved = code;
		if (resolved == null) {
			String[] known = COMMON_PROBLEMS.get(status);
			resolved = (known != null) ? known[0] : (status.startsWith("5") ? "internal-error" : "malformed-request");
		}
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "/problems/" + resolved);
		example.put("title", resolved);
		example.put("status", Integer.parseInt(status));
		example.put("detail", "…");
		example.put("instance", "/api/v1/…");
		example.put("code", resolved);
		example.put("requestId", "4f1c2d9e8b7a4c3d");
		return new Content().addMediaType(PROBLEM,
				new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)).example(example));
	}

	private static Schema<Object> problemSchema() {
		Schema<Object> schema = new Schema<>();
		schema.addType("object");
		schema.description("RFC 9457 problem details, as every service and the gateway answer errors");
		schema.addProperty("type", string("`/problems/<code>`"));
		schema.addProperty("title", string("short, localised (zh-CN by default, English with Accept-Language: en)"));
		Schema<Object> status = new Schema<>();
		status.addType("integer");
		status.description("the HTTP status");
		schema.addProperty("status", status);
		schema.addProperty("detail", string("what went wrong, for a person; never internals"));
		schema.addProperty("instance", string("the request path"));
		schema.addProperty("code", string("stable machine-readable code, e.g. validation-failed, not-found"));
		schema.addProperty("requestId", string("quote it when reporting a problem"));
		Schema<Object> errors = new Schema<>();
		errors.addType("array");
		errors.items(new Schema<>().$ref("#/components/schemas/FieldProblem"));
		errors.description("validation-failed only: one entry per field");
		schema.addProperty("errors", errors);
		schema.required(List.of("type", "title", "status", "code"));
		return schema;
	}

	private static Schema<Object> fieldProblemSchema() {
		Schema<Object> schema = new Schema<>();
		schema.addType("object");
		schema.addProperty("field", string("the field (JSON path) that is wrong"));
		schema.addProperty("message", string("what is wrong with it, localised"));
		return schema;
	}

	private static Schema<Object> string(String description) {
		Schema<Object> schema = new Schema<>();
		schema.addType("string");
		schema.description(description);
		return schema;
	}

}
