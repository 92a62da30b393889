package cn.gov.cppcc.proposals.common.config;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings shared by every application ({@code platform-defaults.properties}: Nacos
 * off, loopback only, actuator groups, log pattern with the request id), with the lowest
 * precedence: a service's application.yml, a profile, Nacos config or the environment
 * override any of them. Outside the {@code nacos} profile the static discovery list of
 * the local ports ({@code platform-static-discovery.properties}) is added too.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			PropertiesPropertySourceLoader loader = new PropertiesPropertySourceLoader();
			if (!environment.matchesProfiles("nacos")) {
				List<PropertySource<?>> discovery = loader.load("platformStaticDiscovery",
						new ClassPathResource("platform-static-discovery.properties"));
				discovery.forEach(environment.getPropertySources()::addLast);
			}
			List<PropertySource<?>> sources = loader.load("platformDefaults",
					new ClassPathResource("platform-defaults.properties"));
			sources.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read platform-defaults.properties", ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
