package cn.gov.cppcc.proposals.gateway.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties.Budget;

/**
 * A token bucket per key.
 */
public interface RateLimiter {

	Mono<Decision> consume(String key, Budget budget);

	/**
	 * The answer for one request.
	 *
	 * @param allowed whether it may pass
	 * @param remaining whole tokens left
	 * @param retryAfter when refused, how long until a token is back
	 */
	record Decision(boolean allowed, long remaining, Duration retryAfter) {
	}

}
