package cn.gov.cppcc.proposals.department.config;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentModeTest {

	@Test
	void embeddedModeDefaultsBothSecretsToTheDemoPassword() {
		DeploymentMode mode = new DeploymentMode(new MockEnvironment());
		assertThat(mode.isDeployment()).isFalse();
		assertThat(mode.demoPassword()).isEqualTo("Demo@2026");
		assertThat(mode.serviceClientSecret()).isEqualTo("Demo@2026");
	}

	@Test
	void deploymentModeRefusesMissingOrDefaultSecrets() {
		MockEnvironment missing = new MockEnvironment().withProperty("platform.deployment", "true");
		assertThatThrownBy(() -> new DeploymentMode(missing)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("DEMO_PASSWORD");
		MockEnvironment defaults = new MockEnvironment().withProperty("DEMO_PASSWORD", "Demo@2026")
			.withProperty("SERVICE_CLIENT_SECRET", "s3cret-from-vault");
		defaults.setActiveProfiles("nacos");
		assertThatThrownBy(() -> new DeploymentMode(defaults)).isInstanceOf(IllegalStateException.class);
		MockEnvironment good = new MockEnvironment().withProperty("platform.deployment", "true")
			.withProperty("DEMO_PASSWORD", "An0ther-Secret!")
			.withProperty("SERVICE_CLIENT_SECRET", "s3cret-from-vault");
		DeploymentMode mode = new DeploymentMode(good);
		assertThat(mode.isDeployment()).isTrue();
		assertThat(mode.serviceClientSecret()).isEqualTo("s3cret-from-vault");
	}

}
