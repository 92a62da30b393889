package cn.gov.cppcc.proposals.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties.Budget;

/**
 * Token buckets shared by every gateway instance through Redis (when {@code REDIS_URL} is
 * set): one Lua script per request refills and takes atomically, using Redis's clock so
 * instances with skewed clocks agree. If Redis does not answer within a short time the
 * request is judged by this instance's own buckets instead (limits stay, roughly, and
 * Redis trouble does not stop the platform).
 */
public class RedisRateLimiter implements RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

	static final String SCRIPT = """
			local rate = tonumber(ARGV[1])
			local capacity = tonumber(ARGV[2])
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local data = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
			local tokens = tonumber(data[1])
			local ts = tonumber(data[2])
			if tokens == nil or ts == nil then
			  tokens = capacity
			  ts = now
			end
			tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
			local allowed = 0
			local wait = 0
			if tokens >= 1 then
			  tokens = tokens - 1
			  allowed = 1
			else
			  wait = math.ceil((1 - tokens) / rate)
			end
			redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
			redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
			return { allowed, math.floor(tokens), wait }
			""";

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final RedisScript<List<Long>> REDIS_SCRIPT = (RedisScript) RedisScript.of(SCRIPT, List.class);

	private final ReactiveStringRedisTemplate redis;

	private final RateLimiter fallback;

	private final String prefix;

	private final Duration timeout;

	public RedisRateLimiter(ReactiveStringRedisTemplate redis, RateLimiter fallback, String prefix, Duration timeout) {
		this.redis = redis;
		this.fallback = fallback;
		this.prefix = prefix;
		this.timeout = timeout;
	}

	@Override
	public Mono<Decision> consume(String key, Budget budget) {
		List<String> keys = List.of(this.prefix + key);
		List<String> args = List.of(Double.toString(budget.tokensPerMilli()), Integer.toString(budget.capacity()));
		return this.redis.execute(REDIS_SCRIPT, keys, args).reduce(new ArrayList<Long>(), (all, part) -> {
			all.addAll(part);
			return all;
		})
			.map((result) -> new Decision(result.get(0) == 1L, result.get(1), Duration.ofMillis(result.get(2))))
			.timeout(this.timeout)
			.onErrorResume((ex) -> {
				log.warn("Redis rate limiter unavailable, using this instance's buckets: {}", ex.toString());
				return this.fallback.consume(key, budget);
			});
	}

}
