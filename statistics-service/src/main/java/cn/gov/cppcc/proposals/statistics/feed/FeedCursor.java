package cn.gov.cppcc.proposals.statistics.feed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The consumer's position in proposal-service's feed, and the flag that pauses the live
 * poller while a rebuild replays the feed (the flag is in the database so that every
 * instance sees it).
 */
@Repository
public class FeedCursor {

	static final String FEED = "proposal-events";

	static final int STALE_MINUTES = 5;

	private final JdbcTemplate jdbc;

	FeedCursor(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public long position() {
		Long position = this.jdbc.queryForObject("SELECT position FROM feed_cursor WHERE name = ?", Long.class, FEED);
		return (position != null) ? position : 0L;
	}

	public void moveTo(long position) {
		this.jdbc.update("UPDATE feed_cursor SET position = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE name = ?",
				position, FEED);
	}

	/**
	 * Whether a rebuild runs. A flag not refreshed for {@value #STALE_MINUTES} minutes
	 * was left by an instance that died mid-rebuild and no longer counts.
	 */
	public boolean rebuilding() {
		Boolean rebuilding = this.jdbc.queryForObject("SELECT rebuilding = 1 AND updated_at > CURRENT_TIMESTAMP(3) "
				+ "- INTERVAL " + STALE_MINUTES + " MINUTE FROM feed_cursor WHERE name = ?", Boolean.class, FEED);
		return Boolean.TRUE.equals(rebuilding);
	}

	/**
	 * Takes the rebuild flag.
	 * @return false when another live rebuild holds it
	 */
	public boolean startRebuilding() {
		return this.jdbc
			.update("UPDATE feed_cursor SET rebuilding = 1, updated_at = CURRENT_TIMESTAMP(3) WHERE name = ? "
					+ "AND (rebuilding = 0 OR updated_at < CURRENT_TIMESTAMP(3) - INTERVAL " + STALE_MINUTES
					+ " MINUTE)", FEED) == 1;
	}

	/** Shows that the rebuild holding the flag is alive. */
	public void heartbeat() {
		this.jdbc.update("UPDATE feed_cursor SET updated_at = CURRENT_TIMESTAMP(3) WHERE name = ? AND rebuilding = 1",
				FEED);
	}

	public void stopRebuilding() {
		this.jdbc.update("UPDATE feed_cursor SET rebuilding = 0 WHERE name = ?", FEED);
	}

	/**
	 * Which version of the projector built the stored read model (V4; 1 = the code before
	 * versions were stored).
	 */
	public int projectionVersion() {
		Integer version = this.jdbc.queryForObject("SELECT projection_version FROM feed_cursor WHERE name = ?",
				Integer.class, FEED);
		return (version != null) ? version : 1;
	}

	/**
	 * Records that the read model is now what this projector version makes of the feed.
	 */
	public void projectionVersion(int version) {
		this.jdbc.update("UPDATE feed_cursor SET projection_version = ? WHERE name = ?", version, FEED);
	}

	/** Marks an event applied; false when it already was (the primary key decides). */
	public boolean markProcessed(String eventId) {
		return this.jdbc.update("INSERT IGNORE INTO processed_event (event_id) VALUES (?)", eventId) == 1;
	}

}
