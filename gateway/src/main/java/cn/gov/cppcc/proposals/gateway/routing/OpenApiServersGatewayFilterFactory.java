package cn.gov.cppcc.proposals.gateway.routing;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;

/**
 * {@code OpenApiServers}: on the routes of the services' OpenAPI specs only, replaces the
 * spec's {@code servers} (each service names its own host and port) with the gateway
 * itself ({@code /}), so that "Try it out" in the combined Swagger UI goes through the
 * gateway with the caller's token. Anything that is not a JSON object passes unchanged.
 */
public class OpenApiServersGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;

	private final JsonMapper json = JsonMapper.builder().build();

	public OpenApiServersGatewayFilterFactory(ModifyResponseBodyGatewayFilterFactory modifyResponseBody) {
		super(Object.class);
		this.modifyResponseBody = modifyResponseBody;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return this.modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
			.setRewriteFunction(byte[].class, byte[].class, (exchange, body) -> Mono.justOrEmpty(rewrite(body))));
	}

	byte[] rewrite(byte[] body) {
		if (body == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(body);
			if (node instanceof ObjectNode spec && spec.has("openapi")) {
				spec.set("servers", this.json.valueToTree(List.of(Map.of("url", "/", "description", "gateway"))));
				return this.json.writeValueAsBytes(spec);
			}
		}
		catch (RuntimeException ex) {
			// not JSON: pass unchanged
		}
		return body;
	}

}
