package cn.gov.cppcc.proposals.statistics.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.report.Reports.Trend;

/**
 * The period of a trend: {@code from} and {@code to} as yyyy-MM or yyyy-MM-dd (the month
 * counts), by default the last 12 months; at most 240 periods.
 */
public final class TrendRange {

	private static final int MAX_PERIODS = 240;

	private TrendRange() {
	}

	public static Trend trend(ReportService reports, StatisticsProperties properties, String from, String to,
			String interval, String session) {
		YearMonth end = (to != null) ? month(to, "to") : YearMonth.now(properties.zone());
		YearMonth start = (from != null) ? month(from, "from") : end.minusMonths(11);
		boolean yearly = "year".equals(interval);
		long periods = yearly ? end.getYear() - start.getYear() + 1L : start.until(end, ChronoUnit.MONTHS) + 1;
		if (start.isAfter(end) || periods > MAX_PERIODS) {
			throw ApiException.badRequest("invalid-parameter", "from");
		}
		return reports.trend(start, end, yearly, session);
	}

	private static YearMonth month(String text, String name) {
		try {
			return (text.length() > 7) ? YearMonth.from(LocalDate.parse(text)) : YearMonth.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest("invalid-parameter", name);
		}
	}

}
