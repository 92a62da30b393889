package cn.gov.cppcc.proposals.statistics.report;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;

/**
 * Report answers kept until the read model changes. The read model changes only when the
 * consumer or a rebuild moves the feed cursor (in the same transaction as the change), so
 * the cursor row — position and time of the last move — plus today's date ("overdue now"
 * depends on it) is the generation: a new generation empties the cache. One primary-key
 * read per request instead of the GROUP BY queries, on every instance. Concurrent misses
 * of one key share one computation.
 */
@Component
public class ReportCache {

	private static final int MAX_ENTRIES = 512;

	private final JdbcTemplate jdbc;

	private final StatisticsProperties properties;

	private final Map<String, CompletableFuture<Object>> entries = new ConcurrentHashMap<>();

	private volatile String generation = "";

	private final boolean enabled;

	/**
	 * @param enabled {@code platform.statistics.report-cache} (default true); false makes
	 * every request compute its report, as the first request after each event does — the
	 * benchmark (bench/reads-at-scale.sh) measures both
	 */
	ReportCache(JdbcTemplate jdbc, StatisticsProperties properties,
			@Value("${platform.statistics.report-cache:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.enabled = enabled;
	}

	/**
	 * The answer kept for this key in the current generation, computed when absent.
	 */
	@SuppressWarnings("unchecked")
	public <T> T get(String key, Supplier<T> compute) {
		if (!this.enabled) {
			return compute.get();
		}
		String current = this.jdbc.queryForObject(
				"SELECT CONCAT(position, '@', updated_at) FROM feed_cursor WHERE name = 'proposal-events'",
				String.class) + "@" + LocalDate.now(this.properties.zone());
		if (!current.equals(this.generation)) {
			this.entries.clear();
			this.generation = current;
		}
		// one computation per key and generation: readers arriving while it runs (a
		// dashboard's burst right after an event) wait for it instead of computing the
		// same report again each
		CompletableFuture<Object> entry = this.entries.get(key);
		if (entry == null) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			CompletableFuture<Object> mine = new CompletableFuture<>();
			entry = this.entries.putIfAbsent(key, mine);
			if (entry == null) {
				try {
					mine.complete(compute.get());
				}
				catch (RuntimeException | Error ex) {
					// not kept: the next request computes again
					this.entries.remove(key, mine);
					mine.completeExceptionally(ex);
					throw ex;
				}
				entry = mine;
			}
		}
		try {
			return (T) entry.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

}
