package cn.gov.cppcc.proposals.proposal.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Times in and out of the database: instants are stored as UTC {@code DATETIME(3)} (the
 * JDBC URL sets the session zone to UTC) and shown in China's zone with offset.
 */
public final class Db {

	/** Times are shown in China's zone, with offset. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private Db() {
	}

	public static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	public static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	public static LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	public static OffsetDateTime odt(Instant instant) {
		return (instant != null) ? instant.atZone(ZONE).toOffsetDateTime() : null;
	}

	public static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
		return odt(instant(rs, column));
	}

}
