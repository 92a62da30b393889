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

	public boolean rebuilding() {
		Boolean rebuilding = this.jdbc.queryForObject("SELECT rebuilding FROM feed_cursor WHERE name = ?",
				Boolean.class, FEED);
		return Boolean.TRUE.equals(rebuilding);
	}

	/**
	 * @param rebuilding the new value
	 * @return whether the flag changed (false: another rebuild holds it)
	 */
	public boolean setRebuilding(boolean rebuilding) {
		return this.jdbc.update("UPDATE feed_cursor SET rebuilding = ? WHERE name = ? AND rebuilding = ?", rebuilding,
				FEED, !rebuilding) == 1;
	}

	/** Marks an event applied; false when it already was (the primary key decides). */
	public boolean markProcessed(String eventId) {
		return this.jdbc.update("INSERT IGNORE INTO processed_event (event_id) VALUES (?)", eventId) == 1;
	}

}
