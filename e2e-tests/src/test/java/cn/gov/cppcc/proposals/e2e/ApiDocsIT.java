package cn.gov.cppcc.proposals.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.gov.cppcc.proposals.e2e.Platform.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, API documentation: the gateway's Swagger UI offers every service's spec, and
 * the specs fetched through the gateway cover every endpoint of the API contract
 * (API.md), say who may call each operation (in agreement with API.md's "who"), answer
 * errors as problem+json and carry an example for every request body. The specs are saved
 * to {@code target/openapi/} where CI validates them as OpenAPI 3.1
 * ({@code e2e-tests/openapi-validate}).
 */
class ApiDocsIT {

	static final List<String> SERVICES = List.of("department-service", "proposal-service", "statistics-service",
			"notification-service");

	static final Set<String> ROLES = Set.of("MEMBER", "COMMITTEE", "UNIT_HANDLER", "UNIT_LEADER", "ADMIN", "AUDITOR");

	static final Pattern ENDPOINT = Pattern
		.compile("((?:GET|POST|PUT|DELETE|PATCH)(?:,\\s*(?:GET|POST|PUT|DELETE|PATCH))*)\\s+(/[^\\s,]+)");

	static Platform platform;

	static final Map<String, JsonNode> specs = new LinkedHashMap<>();

	/** "METHOD /path/{}" → the operation, over every spec. */
	static final Map<String, JsonNode> operations = new LinkedHashMap<>();

	@BeforeAll
	static void fetchTheSpecsThroughTheGateway() throws IOException {
		platform = Platform.get();
		Path out = Path.of("target/openapi");
		Files.createDirectories(out);
		for (String service : SERVICES) {
			Response spec = platform.get("/v3/api-docs/" + service, null);
			assertThat(spec.status()).as(service + " spec through the gateway: " + spec).isEqualTo(200);
			Files.writeString(out.resolve(service + ".json"), spec.body(), StandardCharsets.UTF_8);
			JsonNode root = spec.json();
			specs.put(service, root);
			for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
				for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
					operations.put(key(operation.getKey(), path.getKey()), operation.getValue());
				}
			}
		}
	}

	static String key(String method, String path) {
		return method.toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "{}");
	}

	/** API.md's endpoints as {method, path, who} (the fixture, or API.md itself). */
	static List<String[]> fixture() throws IOException {
		try (InputStream in = ApiDocsIT.class.getResourceAsStream("/api-endpoints.tsv")) {
			List<String[]> rows = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					rows.add(line.split("\t"));
				}
			}
			return rows;
		}
	}

	static List<String[]> parseApiMd(String text) {
		List<String[]> rows = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.startsWith("| ")) {
				continue;
			}
			String[] cells = line.strip().replaceAll("^\\||\\|$", "").split("\\|");
			if (cells.length < 3) {
				continue;
			}
			Matcher matcher = ENDPOINT.matcher(cells[0].strip());
			while (matcher.find()) {
				for (String method : matcher.group(1).split(",\\s*")) {
					rows.add(new String[] { method, matcher.group(2), cells[1].strip() });
				}
			}
		}
		return rows;
	}

	@Test
	void theFixtureIsApiMdsEndpointList() throws IOException {
		Path apiMd = platform.root.getParent().resolve("shared/docs/API.md");
		assertThat(apiMd).as("API.md beside the repository (CI copies shared/ beside the clone)").exists();
		List<String> fromApiMd = parseApiMd(Files.readString(apiMd)).stream()
			.map((row) -> String.join("\t", row))
			.toList();
		List<String> fixture = fixture().stream()
			.filter((row) -> row.length < 4)
			.map((row) -> String.join("\t", row))
			.toList();
		assertThat(fixture).as("e2e-tests/src/test/resources/api-endpoints.tsv, regenerate it from API.md")
			.containsExactlyElementsOf(fromApiMd);
		assertThat(fixture).hasSizeGreaterThan(40);
	}

	@Test
	void theSwaggerUiOffersEveryServicesSpec() {
		Response page = platform.get("/swagger-ui.html", null);
		assertThat(page.status()).isIn(200, 302);
		Response config = platform.get("/v3/api-docs-gateway/swagger-config", null);
		assertThat(config.status()).as(config.toString()).isEqualTo(200);
		Map<String, String> urls = new HashMap<>();
		config.json().get("urls").forEach((url) -> urls.put(url.get("name").asString(), url.get("url").asString()));
		for (String service : SERVICES) {
			assertThat(urls).containsEntry(service, "/v3/api-docs/" + service);
		}
	}

	@Test
	void everyEndpointOfApiMdIsInTheSpecs() throws IOException {
		List<String> missing = new ArrayList<>();
		for (String[] row : fixture()) {
			if (!operations.containsKey(key(row[0], row[1]))) {
				missing.add(row[0] + " " + row[1]);
			}
		}
		assertThat(missing).as("API.md endpoints missing from the specs served through the gateway").isEmpty();
	}

	@Test
	void theSpecsAreOpenApi31WithUniqueOperationIds() {
		Set<String> ids = new TreeSet<>();
		List<String> duplicates = new ArrayList<>();
		specs.forEach((service, spec) -> {
			assertThat(spec.get("openapi").asString()).as(service).startsWith("3.1.");
			assertThat(spec.path("components").path("securitySchemes").has("bearer")).as(service).isTrue();
		});
		operations.forEach((key, operation) -> {
			String id = operation.path("operationId").asString("");
			assertThat(id).as(key).isNotEmpty();
			if (!ids.add(id)) {
				duplicates.add(id + " (" + key + ")");
			}
			assertThat(operation.path("summary").asString("")).as(key + " summary").isNotBlank();
		});
		assertThat(duplicates).as("operationIds used twice across the platform").isEmpty();
	}

	@Test
	void everyOperationSaysWhoMayCallItAsApiMdDoes() throws IOException {
		operations.forEach((key, operation) -> {
			// roles, or (a client's endpoint such as the event feed) scopes
			assertThat(!operation.path("x-roles").isEmpty() || !operation.path("x-scopes").isEmpty()).as(key).isTrue();
			assertThat(operation.path("description").asString("")).as(key).startsWith("**Who may call:**");
		});
		List<String> disagreements = new ArrayList<>();
		String previous = null;
		for (String[] row : fixture()) {
			String who = "same".equals(row[2]) ? previous : row[2];
			previous = who;
			JsonNode operation = operations.get(key(row[0], row[1]));
			if (operation == null) {
				continue; // reported by everyEndpointOfApiMdIsInTheSpecs
			}
			List<String> roles = new ArrayList<>();
			operation.path("x-roles").forEach((role) -> roles.add(role.asString()));
			List<String> scopes = new ArrayList<>();
			operation.path("x-scopes").forEach((scope) -> scopes.add(scope.asString()));
			boolean anyone = roles.equals(List.of("anyone"));
			boolean signedIn = roles.equals(List.of("signed in"));
			String endpoint = row[0] + " " + row[1] + " (API.md: " + who + "; spec: " + roles + " " + scopes + ")";
			if (who.startsWith("anyone") || who.startsWith("integrating system")) {
				if (!anyone) {
					disagreements.add(endpoint);
				}
				continue;
			}
			if (anyone) {
				// API.md asks for a token here: the spec (from the security rules) lets
				// anyone in
				disagreements.add(endpoint);
				continue;
			}
			if (who.startsWith("signed in")) {
				if (!signedIn) {
					disagreements.add(endpoint);
				}
				continue;
			}
			for (String word : who.split("[^A-Z_]+")) {
				if (ROLES.contains(word) && !signedIn && !roles.contains(word)) {
					disagreements.add(endpoint);
				}
			}
			Matcher scope = Pattern.compile("`([a-z]+:[a-z]+)`").matcher(who);
			while (scope.find()) {
				if (!signedIn && !scopes.contains(scope.group(1))) {
					disagreements.add(endpoint);
				}
			}
		}
		assertThat(disagreements).as("who may call: API.md vs the services' security rules").isEmpty();
	}

	@Test
	void everyOperationAnswersErrorsAsProblemJson() {
		specs.forEach((service, spec) -> {
			JsonNode problem = spec.path("components").path("schemas").path("Problem").path("properties");
			assertThat(problem.has("type") && problem.has("title") && problem.has("status") && problem.has("detail")
					&& problem.has("instance") && problem.has("code"))
				.as(service + " Problem schema")
				.isTrue();
		});
		operations.forEach((key, operation) -> {
			List<String> errors = new ArrayList<>();
			for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
				if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
					errors.add(response.getKey());
					JsonNode media = response.getValue().path("content").path("application/problem+json");
					assertThat(media.path("schema").path("$ref").asString("")).as(key + " " + response.getKey())
						.isEqualTo("#/components/schemas/Problem");
				}
			}
			assertThat(errors).as(key + " error answers").contains("429");
			if (!operation.path("x-roles").path(0).asString("").equals("anyone")) {
				assertThat(errors).as(key + " error answers").contains("401", "403");
			}
		});
	}

	@Test
	void everyRequestBodyHasAnExample() {
		List<String> without = new ArrayList<>();
		operations.forEach((key, operation) -> {
			for (Map.Entry<String, JsonNode> media : operation.path("requestBody").path("content").properties()) {
				if (!media.getValue().has("example") && !media.getValue().has("examples")) {
					without.add(key + " " + media.getKey());
				}
			}
		});
		assertThat(without).as("request bodies without an example").isEmpty();
	}

}
