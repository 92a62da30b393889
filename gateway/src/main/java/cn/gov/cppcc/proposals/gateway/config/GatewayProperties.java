package cn.gov.cppcc.proposals.gateway.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code platform.gateway.*}).
 *
 * @param cors the portal origins allowed to call the API from a browser
 * @param limits request size and type limits enforced at the door
 * @param rateLimit per-client request budgets
 * @param breaker the circuit breaker every downstream service gets
 * @param retryAfterUnavailable {@code Retry-After} sent with a 503 when a service cannot
 * be reached
 * @param contentSecurityPolicy the CSP sent with every response
 * @param tokenCache the cache of tokens already verified
 */
@ConfigurationProperties("platform.gateway")
public record GatewayProperties(@DefaultValue Cors cors, @DefaultValue Limits limits, @DefaultValue RateLimit rateLimit,
		@DefaultValue Breaker breaker, @DefaultValue("5s") Duration retryAfterUnavailable,
		@DefaultValue("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'") String contentSecurityPolicy,
		@DefaultValue TokenCache tokenCache) {

	/**
	 * Bearer tokens already verified (signature, issuer, audience, expiry), kept so that
	 * a client's next requests with the same token are not verified again. An entry is
	 * used until the token's {@code exp} or {@code ttl} after it was verified, whichever
	 * comes first. {@code ttl} 0 turns the cache off.
	 *
	 * @param ttl the longest a verified token is trusted without being verified again;
	 * also the longest a token signed with a key department-service has withdrawn is
	 * still accepted (the key set itself is cached 5 minutes)
	 * @param maxEntries the most tokens kept; past it the expired ones are dropped, then
	 * all
	 */
	public record TokenCache(@DefaultValue("60s") Duration ttl, @DefaultValue("2000") int maxEntries) {
	}

	/**
	 * CORS for the portal's origins.
	 *
	 * @param allowedOrigins exact origins, e.g. {@code https://portal.example.gov.cn}
	 * @param maxAge how long a browser may cache a preflight answer
	 */
	public record Cors(@DefaultValue( {
			"http://localhost:5173", "http://127.0.0.1:5173" }) List<String> allowedOrigins,
			@DefaultValue("30m") Duration maxAge){
	}

	/**
	 * Limits refused at the door.
	 *
	 * @param maxBodySize largest request body (413 above)
	 * @param maxHeaderSize largest sum of request header lines (431 above)
	 * @param multipartPaths path patterns that accept {@code multipart/form-data}
	 * @param maxUriLength longest request target, path and query (414 above)
	 */
	public record Limits(@DefaultValue("256KB") DataSize maxBodySize, @DefaultValue("16KB") DataSize maxHeaderSize,
			@DefaultValue( {
			}) List<String> multipartPaths, @DefaultValue("8KB") DataSize maxUriLength){
	}

	/**
	 * Token buckets per client: the token subject when signed in, otherwise the client
	 * IP. The budgets' defaults are in application.yml.
	 *
	 * @param enabled switch
	 * @param login login, refresh and the token endpoint, per IP
	 * @param publicApi {@code /api/v1/public/**}, per IP
	 * @param anonymous other anonymous paths (docs, dashboard page), per IP
	 * @param authenticated everything else, per token subject
	 * @param maxKeys the most clients tracked in memory at once
	 * @param redisPrefix prefix of the bucket keys in Redis (when {@code REDIS_URL} is
	 * set)
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, Budget login, Budget publicApi, Budget anonymous,
			Budget authenticated, @DefaultValue("100000") int maxKeys,
			@DefaultValue("gateway:rate:") String redisPrefix) {
	}

	/**
	 * A token bucket: {@code capacity} requests, refilled evenly over {@code period}.
	 *
	 * @param capacity burst size and requests per period
	 * @param period refill period
	 */
	public record Budget(int capacity, Duration period) {

		public double tokensPerMilli() {
			return (double) this.capacity / this.period.toMillis();
		}

	}

	/**
	 * The circuit breaker of each downstream service.
	 *
	 * @param failureRateThreshold percentage of failed calls that opens it
	 * @param slowCallDuration a call slower than this counts as slow
	 * @param slidingWindow calls remembered
	 * @param minimumCalls calls needed before it may open
	 * @param openState how long it stays open (also the {@code Retry-After})
	 * @param halfOpenCalls trial calls when half open
	 * @param slowCallRateThreshold percentage of slow calls that opens it: a service that
	 * answers, but in seconds, is failed fast too (SlowDepartmentDrill: with 10 s and
	 * Resilience4j's 100% a 5 s department-service kept every login waiting 5-8 s and the
	 * breaker never opened)
	 */
	public record Breaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("4s") Duration slowCallDuration,
			@DefaultValue("20") int slidingWindow, @DefaultValue("10") int minimumCalls,
			@DefaultValue("10s") Duration openState, @DefaultValue("3") int halfOpenCalls,
			@DefaultValue("80") float slowCallRateThreshold) {
	}

}
