package cn.gov.cppcc.proposals.gateway.security;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * department-service's public keys, cached: fetched again when the cache is older than
 * {@code ttl}, or when a token names a key id not in the cache (key rotation) — but then
 * at most once per {@code cooldown}, so that tokens with made-up key ids cannot make the
 * gateway hammer department-service. Concurrent fetches are shared. If a fetch fails the
 * old keys stay in use.
 */
class CachedJwkSource implements Function<SignedJWT, Flux<JWK>> {

	private record Snapshot(JWKSet keys, long fetchedAt) {
	}

	private final WebClient webClient;

	private final String jwkSetUri;

	private final long ttlNanos;

	private final long cooldownNanos;

	private final AtomicReference<Snapshot> current = new AtomicReference<>();

	private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();

	CachedJwkSource(WebClient webClient, String jwkSetUri, Duration ttl, Duration cooldown) {
		this.webClient = webClient;
		this.jwkSetUri = jwkSetUri;
		this.ttlNanos = ttl.toNanos();
		this.cooldownNanos = cooldown.toNanos();
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
		Snapshot snapshot = this.current.get();
		long now = System.nanoTime();
		if (snapshot != null) {
			List<JWK> keys = selector.select(snapshot.keys());
			boolean fresh = now - snapshot.fetchedAt() < this.ttlNanos;
			if (!keys.isEmpty() && fresh) {
				return Flux.fromIterable(keys);
			}
			if (keys.isEmpty() && now - snapshot.fetchedAt() < this.cooldownNanos) {
				return Flux.empty();
			}
			// stale or unknown key: fetch, and fall back to what we have if that fails
			return fetch().onErrorReturn(snapshot).flatMapMany((s) -> Flux.fromIterable(selector.select(s.keys())));
		}
		return fetch().flatMapMany((s) -> Flux.fromIterable(selector.select(s.keys())));
	}

	private Mono<Snapshot> fetch() {
		Mono<Snapshot> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		Mono<Snapshot> fetch = this.webClient.get()
			.uri(this.jwkSetUri)
			.retrieve()
			.bodyToMono(String.class)
			.map(CachedJwkSource::parse)
			.map((keys) -> new Snapshot(keys, System.nanoTime()))
			.doOnNext(this.current::set)
			.doFinally((signal) -> this.inFlight.set(null))
			.cache();
		if (this.inFlight.compareAndSet(null, fetch)) {
			return fetch;
		}
		Mono<Snapshot> other = this.inFlight.get();
		return (other != null) ? other : fetch;
	}

	private static JWKSet parse(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Malformed JWK set", ex);
		}
	}

}
