package cn.gov.cppcc.proposals.gateway.config;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.server.ResponseStatusException;

import cn.gov.cppcc.proposals.gateway.ratelimit.InMemoryRateLimiter;
import cn.gov.cppcc.proposals.gateway.ratelimit.RateLimitFilter;
import cn.gov.cppcc.proposals.gateway.ratelimit.RateLimiter;
import cn.gov.cppcc.proposals.gateway.ratelimit.RedisRateLimiter;
import cn.gov.cppcc.proposals.gateway.routing.OpenApiServersGatewayFilterFactory;
import cn.gov.cppcc.proposals.gateway.routing.SafeRetryGatewayFilterFactory;
import cn.gov.cppcc.proposals.gateway.web.ClientAddressHeadersFilter;
import cn.gov.cppcc.proposals.gateway.web.ProblemExceptionHandler;
import cn.gov.cppcc.proposals.gateway.web.ProblemResponses;
import cn.gov.cppcc.proposals.gateway.web.RequestContextFilter;
import cn.gov.cppcc.proposals.gateway.web.RequestLimitsFilter;

/**
 * The gateway's filters, error handler, rate limiter and circuit breakers.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfig {

	@Bean
	ProblemResponses problemResponses() {
		return new ProblemResponses();
	}

	@Bean
	RequestContextFilter requestContextFilter(GatewayProperties properties) {
		return new RequestContextFilter(properties.contentSecurityPolicy());
	}

	@Bean
	ClientAddressHeadersFilter clientAddressHeadersFilter() {
		return new ClientAddressHeadersFilter();
	}

	@Bean
	RequestLimitsFilter requestLimitsFilter(ProblemResponses problems, GatewayProperties properties) {
		return new RequestLimitsFilter(problems, properties.limits());
	}

	@Bean
	ProblemExceptionHandler problemExceptionHandler(ProblemResponses problems, GatewayProperties properties) {
		return new ProblemExceptionHandler(problems, properties.retryAfterUnavailable(),
				properties.breaker().openState());
	}

	/**
	 * In memory unless {@code REDIS_URL} is set (see {@link RedisSwitch}): then shared by
	 * every gateway instance through Redis.
	 */
	@Bean
	RateLimiter rateLimiter(GatewayProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis) {
		InMemoryRateLimiter local = new InMemoryRateLimiter(properties.rateLimit().maxKeys());
		ReactiveStringRedisTemplate template = redis.getIfAvailable();
		if (template == null) {
			return local;
		}
		return new RedisRateLimiter(template, local, properties.rateLimit().redisPrefix(), Duration.ofMillis(500));
	}

	@Bean
	RateLimitFilter rateLimitFilter(RateLimiter rateLimiter, ProblemResponses problems, GatewayProperties properties) {
		return new RateLimitFilter(rateLimiter, problems, properties.rateLimit());
	}

	@Bean
	SafeRetryGatewayFilterFactory safeRetryGatewayFilterFactory() {
		return new SafeRetryGatewayFilterFactory();
	}

	@Bean
	OpenApiServersGatewayFilterFactory openApiServersGatewayFilterFactory(
			ModifyResponseBodyGatewayFilterFactory modifyResponseBody) {
		return new OpenApiServersGatewayFilterFactory(modifyResponseBody);
	}

	/**
	 * One breaker per downstream service (the routes name it after the service). Only a
	 * service that cannot be reached or times out counts as failing; a client's own error
	 * (4xx) does not. Timeouts are the routes' own (response-timeout), so Resilience4j's
	 * time limiter is off
	 * ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}).
	 */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
		GatewayProperties.Breaker breaker = properties.breaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindow())
			.minimumNumberOfCalls(breaker.minimumCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.slowCallDurationThreshold(breaker.slowCallDuration())
			.slowCallRateThreshold(breaker.slowCallRateThreshold())
			.waitDurationInOpenState(breaker.openState())
			.permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordException(
					(ex) -> !(ex instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()))
			.build();
		TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom().timeoutDuration(Duration.ofMinutes(30)).build();
		return (factory) -> factory
			.configureDefault((id) -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(config)
				.timeLimiterConfig(timeLimiter)
				.build());
	}

	/**
	 * Binds the breakers' metrics ({@code resilience4j_circuitbreaker_state} and the call
	 * counters) to Micrometer. Spring Cloud 5.0.3 means to do it, but its ordering
	 * auto-configuration names Boot 4 milestone packages
	 * ({@code org.springframework.boot.metrics.autoconfigure}, now
	 * {@code org.springframework.boot.micrometer.metrics.autoconfigure}), so its
	 * {@code @ConditionalOnBean(MeterRegistry)} can be evaluated before the registry
	 * exists and the binding is skipped. A {@code MeterBinder} is bound by Boot itself
	 * once the registry is there; it follows breakers added later (they are created
	 * lazily, on a route's first call). Binding twice is harmless: Micrometer returns the
	 * existing meter for the same name and tags.
	 */
	@Bean
	TaggedCircuitBreakerMetrics breakerMetrics(ReactiveResilience4JCircuitBreakerFactory factory) {
		return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(factory.getCircuitBreakerRegistry());
	}

}
