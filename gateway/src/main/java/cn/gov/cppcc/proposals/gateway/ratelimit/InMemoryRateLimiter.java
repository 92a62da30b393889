package cn.gov.cppcc.proposals.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties.Budget;

/**
 * Token buckets in this gateway's memory (the default: one gateway instance). Memory is
 * bounded: past {@code maxKeys} clients, buckets that have refilled completely (idle
 * clients, who lose nothing by being forgotten) are dropped; if that is not enough the
 * map is cleared, which errs on letting requests through rather than growing.
 */
public class InMemoryRateLimiter implements RateLimiter {

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int maxKeys;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	public InMemoryRateLimiter(int maxKeys) {
		this.maxKeys = maxKeys;
	}

	@Override
	public Mono<Decision> consume(String key, Budget budget) {
		return Mono.just(consumeNow(key, budget));
	}

	public Decision consumeNow(String key, Budget budget) {
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxKeys) {
				sweep();
			}
			bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(budget.capacity()));
		}
		return bucket.take(budget, System.nanoTime());
	}

	int size() {
		return this.buckets.size();
	}

	private void sweep() {
		if (!this.sweeping.compareAndSet(false, true)) {
			return;
		}
		try {
			long now = System.nanoTime();
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
			if (this.buckets.size() >= this.maxKeys) {
				this.buckets.clear();
			}
		}
		finally {
			this.sweeping.set(false);
		}
	}

	private static final class Bucket {

		private double tokens;

		private long last;

		private double rate;

		private int capacity;

		Bucket(int capacity) {
			this.tokens = capacity;
			this.capacity = capacity;
			this.last = System.nanoTime();
		}

		synchronized Decision take(Budget budget, long now) {
			this.capacity = budget.capacity();
			this.rate = budget.tokensPerMilli();
			double elapsedMillis = (now - this.last) / 1_000_000.0;
			this.tokens = Math.min(this.capacity, this.tokens + elapsedMillis * this.rate);
			this.last = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return new Decision(true, (long) this.tokens, Duration.ZERO);
			}
			long waitMillis = (long) Math.ceil((1 - this.tokens) / this.rate);
			return new Decision(false, 0, Duration.ofMillis(waitMillis));
		}

		synchronized boolean isFull(long now) {
			double elapsedMillis = (now - this.last) / 1_000_000.0;
			return this.rate == 0 || this.tokens + elapsedMillis * this.rate >= this.capacity;
		}

	}

}
