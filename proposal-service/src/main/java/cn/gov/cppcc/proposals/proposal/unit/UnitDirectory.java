package cn.gov.cppcc.proposals.proposal.unit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.RemoteProblemException;

/**
 * Checks handling units against department-service before a proposal is assigned or
 * reassigned: the unit exists, is active and can handle proposals (not a CPPCC body).
 * Reads are retried; a directory that is down gives 503 {@code dependency-unavailable}
 * before anything is written, so an assignment is never partial.
 */
@Component
public class UnitDirectory {

	private static final Logger log = LoggerFactory.getLogger(UnitDirectory.class);

	private final UnitClient client;

	private final Retry retry;

	private final Duration ttl;

	/**
	 * Recent answers and lookups in flight, by unit id: a burst of assignments asks once.
	 */
	private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

	private record Lookup(CompletableFuture<CheckedUnit> result, Instant at) {
	}

	UnitDirectory(UnitClient client, @Value("${platform.units.cache-ttl:30s}") Duration ttl) {
		this.client = client;
		this.ttl = ttl;
		this.retry = Retry.of("department-service-units",
				RetryConfig.custom()
					.maxAttempts(3)
					.waitDuration(Duration.ofMillis(100))
					.retryOnException((ex) -> !isNotFound(ex))
					.build());
	}

	/**
	 * A unit that may handle proposals.
	 *
	 * @param id unit id
	 * @param name unit name
	 */
	public record CheckedUnit(String id, String name) {
	}

	/**
	 * Checks every unit first; throws before any is used.
	 * @param unitIds units in order, duplicates removed
	 * @return the checked units in the same order
	 */
	public List<CheckedUnit> check(List<String> unitIds) {
		List<CheckedUnit> units = new ArrayList<>();
		for (String id : new LinkedHashSet<>(unitIds)) {
			units.add(check(id));
		}
		return units;
	}

	/**
	 * Checks one unit; concurrent checks of the same unit share one call, and an answer
	 * is reused for a short time (units change rarely). Failures are not kept.
	 */
	public CheckedUnit check(String unitId) {
		Instant now = Instant.now();
		CompletableFuture<CheckedUnit> mine = new CompletableFuture<>();
		Lookup lookup = this.lookups.compute(unitId,
				(id, existing) -> (existing != null
						&& (!existing.result().isDone() || existing.at().plus(this.ttl).isAfter(now))) ? existing
								: new Lookup(mine, now));
		if (lookup.result() == mine) {
			try {
				mine.complete(load(unitId));
			}
			catch (RuntimeException ex) {
				this.lookups.remove(unitId, lookup);
				mine.completeExceptionally(ex);
			}
		}
		try {
			return lookup.result().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private CheckedUnit load(String unitId) {
		UnitClient.UnitDto unit;
		try {
			unit = this.retry.executeSupplier(() -> this.client.unit(unitId));
		}
		catch (RuntimeException ex) {
			if (isNotFound(ex)) {
				throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unit-not-eligible", unitId);
			}
			log.warn("Unit directory unavailable: {}", ex.getClass().getSimpleName());
			throw ApiException.unavailable("dependency-unavailable", "department-service");
		}
		if (unit == null || !unit.isActive() || "CPPCC_BODY".equals(unit.type())) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unit-not-eligible", unitId);
		}
		return new CheckedUnit(unitId, (unit.name() != null) ? unit.name() : unitId);
	}

	private static boolean isNotFound(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof RemoteProblemException remote) {
				return remote.getStatus() == 404;
			}
			if (t instanceof feign.FeignException feign) {
				return feign.status() == 404;
			}
		}
		return false;
	}

}
