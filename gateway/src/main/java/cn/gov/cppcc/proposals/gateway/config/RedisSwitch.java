package cn.gov.cppcc.proposals.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Redis is used only when {@code REDIS_URL} is set (the rate limiter's shared buckets).
 * Without it the Redis auto-configurations are excluded, so nothing connects to Redis and
 * no Redis health indicator exists; with it {@code spring.data.redis.url} is taken from
 * {@code REDIS_URL}.
 */
public class RedisSwitch implements EnvironmentPostProcessor, Ordered {

	static final String[] REDIS_AUTO_CONFIGURATIONS = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("REDIS_URL");
		Map<String, Object> properties = new LinkedHashMap<>();
		if (StringUtils.hasText(url)) {
			properties.put("spring.data.redis.url", url);
			environment.getPropertySources().addFirst(new MapPropertySource("gatewayRedisSwitch", properties));
			return;
		}
		String excluded = environment.getProperty("spring.autoconfigure.exclude", "");
		String all = String.join(",", REDIS_AUTO_CONFIGURATIONS);
		properties.put("spring.autoconfigure.exclude", StringUtils.hasText(excluded) ? excluded + "," + all : all);
		properties.put("management.health.redis.enabled", "false");
		environment.getPropertySources().addFirst(new MapPropertySource("gatewayRedisSwitch", properties));
	}

	@Override
	public int getOrder() {
		// after the config files are read (ConfigDataEnvironmentPostProcessor)
		return Ordered.LOWEST_PRECEDENCE;
	}

}
