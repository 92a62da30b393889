package cn.gov.cppcc.proposals.common.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

import cn.gov.cppcc.proposals.common.security.CurrentUser;

/**
 * The OpenAPI conventions of every servlet service (issue 5: roles, error answers,
 * examples; the specs validate as OpenAPI 3.1 in CI): operation ids unique across the
 * platform ({@code <controller><Method>}, e.g. {@code proposalSubmit}) and
 * {@link PlatformOpenApiCustomizer}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ OpenApiCustomizer.class, SecurityFilterChain.class })
public class PlatformOpenApiAutoConfiguration {

	static {
		// the caller comes from the token, never from a request parameter
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	@Bean
	OperationCustomizer platformOperationIds() {
		return (operation, handlerMethod) -> {
			String controller = handlerMethod.getBeanType().getSimpleName().replaceAll("Controller$", "");
			operation.setOperationId(
					StringUtils.uncapitalize(controller) + StringUtils.capitalize(handlerMethod.getMethod().getName()));
			return operation;
		};
	}

	@Bean
	PlatformOpenApiCustomizer platformOpenApiCustomizer(Environment environment,
			ObjectProvider<SecurityFilterChain> chains, ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		String version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "v1";
		return new PlatformOpenApiCustomizer(environment.getProperty("spring.application.name", "service"), version,
				new AccessProbe(chains.orderedStream().toList()));
	}

}
