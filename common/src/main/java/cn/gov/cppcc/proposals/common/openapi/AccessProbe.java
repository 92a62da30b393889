package cn.gov.cppcc.proposals.common.openapi;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call an endpoint, read from the service's own security rules rather than
 * written down a second time: the {@link AuthorizationFilter}'s manager of the filter
 * chain is asked, for a request to the endpoint, whether an anonymous caller, a person
 * with each role, and a client with each scope would be let in. The spec's roles can
 * therefore not drift from {@code SecurityConfig}. Record-level rules (author only, own
 * unit only, data scope) are applied later by the service and are not visible here.
 */
final class AccessProbe {

	static final List<String> ROLES = List.of("MEMBER", "COMMITTEE", "UNIT_HANDLER", "UNIT_LEADER", "ADMIN", "AUDITOR");

	static final List<String> SCOPES = List.of("proposals:read", "events:read", "webhooks:manage");

	private static final Log logger = LogFactory.getLog(AccessProbe.class);

	private final List<SecurityFilterChain> chains;

	AccessProbe(List<SecurityFilterChain> chains) {
		this.chains = chains;
	}

	/**
	 * Who may call {@code method path}.
	 *
	 * @param anyone anonymous callers are let in
	 * @param roles the roles let in (a person with only that role)
	 * @param scopes the scopes let in (a client with only that scope)
	 * @param anySignedIn any authenticated caller is let in, whatever their roles
	 * @param known the rules could be evaluated
	 */
	record Access(boolean anyone, Set<String> roles, Set<String> scopes, boolean anySignedIn, boolean known) {

		List<String> xRoles() {
			if (this.anyone) {
				return List.of("anyone");
			}
			if (this.anySignedIn) {
				return List.of("signed in");
			}
			return new ArrayList<>(this.roles);
		}

		String sentence() {
			if (!this.known) {
				return "see the service's security rules";
			}
			if (this.anyone) {
				return "anyone (no token needed)";
			}
			if (this.anySignedIn) {
				return "anyone signed in (a person's or a client's bearer token)";
			}
			List<String> parts = new ArrayList<>();
			if (!this.roles.isEmpty()) {
				parts.add("role " + String.join(", ", this.roles));
			}
			if (!this.scopes.isEmpty()) {
				parts.add("a client with scope " + String.join(", ", this.scopes));
			}
			return parts.isEmpty() ? "nobody through the gateway" : String.join("; or ", parts);
		}

	}

	Access access(String method, String pathTemplate) {
		AuthorizationManager<HttpServletRequest> manager = null;
		HttpServletRequest request = request(method, concrete(pathTemplate));
		for (SecurityFilterChain chain : this.chains) {
			if (chain.matches(request)) {
				for (Filter filter : chain.getFilters()) {
					if (filter instanceof AuthorizationFilter authorization) {
						manager = authorization.getAuthorizationManager();
					}
				}
				break;
			}
		}
		if (manager == null) {
			logger.warn("OpenAPI roles: no authorization filter for " + method + " " + pathTemplate);
			return new Access(false, Set.of(), Set.of(), false, false);
		}
		try {
			boolean anyone = granted(manager, method, pathTemplate, () -> new AnonymousAuthenticationToken("openapi",
					"anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
			boolean anySignedIn = granted(manager, method, pathTemplate, () -> person());
			Set<String> roles = new LinkedHashSet<>();
			for (String role : ROLES) {
				if (granted(manager, method, pathTemplate, () -> person("ROLE_" + role))) {
					roles.add(role);
				}
			}
			Set<String> scopes = new LinkedHashSet<>();
			// a scope is worth naming only where it is what lets a client in
			for (String scope : (anyone || anySignedIn) ? List.<String>of() : SCOPES) {
				if (granted(manager, method, pathTemplate, () -> person("SCOPE_" + scope))) {
					scopes.add(scope);
				}
			}
			return new Access(anyone, roles, scopes, anySignedIn, true);
		}
		catch (RuntimeException ex) {
			logger.warn("OpenAPI roles: cannot evaluate the rules for " + method + " " + pathTemplate, ex);
			return new Access(false, Set.of(), Set.of(), false, false);
		}
	}

	private static Authentication person(String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated("openapi-probe", null,
				AuthorityUtils.createAuthorityList(authorities));
	}

	private static boolean granted(AuthorizationManager<HttpServletRequest> manager, String method, String path,
			Supplier<Authentication> who) {
		// a fresh request each time: matchers cache what they parsed in request
		// attributes
		AuthorizationResult result = manager.authorize(who, request(method, concrete(path)));
		return result != null && result.isGranted();
	}

	/** A path template with its variables filled in ({id} → 1). */
	static String concrete(String template) {
		return template.replaceAll("\\{year}", "2026")
			.replaceAll("\\{host}", "hooks.example.org")
			.replaceAll("\\{[^}]+}", "1");
	}

	/**
	 * The least request the security matchers read: method, URI, servlet path,
	 * attributes; nothing else is answered.
	 */
	private static final HttpServletMapping DISPATCHER_MAPPING = new HttpServletMapping() {

		@Override
		public String getMatchValue() {
			return "";
		}

		@Override
		public String getPattern() {
			return "/";
		}

		@Override
		public String getServletName() {
			return "dispatcherServlet";
		}

		@Override
		public MappingMatch getMappingMatch() {
			return MappingMatch.DEFAULT;
		}

	};

	static HttpServletRequest request(String method, String path) {
		Map<String, Object> attributes = new HashMap<>();
		return (HttpServletRequest) Proxy.newProxyInstance(AccessProbe.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, invoked, args) -> switch (invoked.getName()) {
					case "getMethod" -> method.toUpperCase(Locale.ROOT);
					case "getRequestURI", "getServletPath" -> path;
					case "getContextPath" -> "";
					case "getRequestURL" -> new StringBuffer("http://localhost" + path);
					case "getScheme" -> "http";
					case "getServerName", "getRemoteAddr", "getRemoteHost", "getLocalAddr", "getLocalName" ->
						"127.0.0.1";
					case "getServerPort", "getRemotePort", "getLocalPort" -> 80;
					case "getDispatcherType" -> DispatcherType.REQUEST;
					case "getHttpServletMapping" -> DISPATCHER_MAPPING;
					case "getAttribute" -> attributes.get((String) args[0]);
					case "setAttribute" -> attributes.put((String) args[0], args[1]);
					case "removeAttribute" -> attributes.remove((String) args[0]);
					case "getAttributeNames", "getHeaders", "getHeaderNames", "getParameterNames", "getLocales" ->
						Collections.emptyEnumeration();
					case "getParameterMap" -> Map.of();
					case "getIntHeader" -> -1;
					case "getDateHeader", "getContentLengthLong" -> -1L;
					case "getContentLength" -> -1;
					case "isSecure", "isAsyncStarted", "isAsyncSupported" -> false;
					case "getLocale" -> Locale.ROOT;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> method + " " + path;
					default -> null;
				});
	}

}
