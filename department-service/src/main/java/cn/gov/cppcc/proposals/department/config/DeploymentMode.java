package cn.gov.cppcc.proposals.department.config;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Deployment mode is the {@code nacos} profile or {@code platform.deployment=true}
 * (docs/DEVELOPING.md): no demo data, and the service refuses to start while a secret is
 * unset or still the published demo default.
 */
@Component
public class DeploymentMode {

	/**
	 * The published demo password (API.md "Demo accounts"); never acceptable in
	 * deployment.
	 */
	public static final String DEFAULT_DEMO_PASSWORD = "Demo@2026";

	private final boolean deployment;

	private final String demoPassword;

	private final String serviceClientSecret;

	DeploymentMode(Environment environment) {
		this.deployment = environment.matchesProfiles("nacos")
				|| environment.getProperty("platform.deployment", Boolean.class, false);
		String demo = environment.getProperty("DEMO_PASSWORD");
		String secret = environment.getProperty("SERVICE_CLIENT_SECRET");
		if (this.deployment) {
			require("DEMO_PASSWORD", demo);
			require("SERVICE_CLIENT_SECRET", secret);
		}
		this.demoPassword = isBlank(demo) ? DEFAULT_DEMO_PASSWORD : demo;
		this.serviceClientSecret = isBlank(secret) ? this.demoPassword : secret;
	}

	private static void require(String name, String value) {
		if (isBlank(value) || DEFAULT_DEMO_PASSWORD.equals(value)) {
			throw new IllegalStateException(
					"Deployment mode: " + name + " must be set and must not be the published demo default");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	public boolean isDeployment() {
		return this.deployment;
	}

	/**
	 * The password of the demo accounts and of the demo client (embedded mode only).
	 * @return the password
	 */
	public String demoPassword() {
		return this.demoPassword;
	}

	/**
	 * The secret of our own services' clients: {@code SERVICE_CLIENT_SECRET}, in the
	 * embedded mode defaulting to the demo password.
	 * @return the secret
	 */
	public String serviceClientSecret() {
		return this.serviceClientSecret;
	}

}
