package cn.gov.cppcc.proposals.department.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Times are stored in UTC and shown with the Asia/Shanghai offset (API.md).
 */
public final class Times {

	public static final ZoneId DISPLAY_ZONE = ZoneId.of("Asia/Shanghai");

	private Times() {
	}

	public static OffsetDateTime display(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, DISPLAY_ZONE) : null;
	}

}
