package cn.gov.cppcc.proposals.proposal.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Chinese official calendar: public holidays and the make-up working days (调休) that
 * replace them, from {@code calendar_day}; any other day is a working day from Monday to
 * Friday ("Calendar", DOMAIN.md). Deadlines are computed on it.
 */
@Component
public class WorkingCalendar {

	private final JdbcClient jdbc;

	private final Map<Integer, Map<LocalDate, String>> years = new ConcurrentHashMap<>();

	WorkingCalendar(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean isWorkingDay(LocalDate day) {
		String kind = year(day.getYear()).get(day);
		if (kind != null) {
			return "WORKDAY".equals(kind);
		}
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	/**
	 * The day that is {@code days} working days after {@code from} (not counting
	 * {@code from} itself).
	 */
	public LocalDate addWorkingDays(LocalDate from, int days) {
		LocalDate day = from;
		int left = days;
		while (left > 0) {
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				left--;
			}
		}
		return day;
	}

	/** Working days from {@code from} (exclusive) to {@code to} (inclusive). */
	public int workingDaysBetween(LocalDate from, LocalDate to) {
		int count = 0;
		for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
			if (isWorkingDay(day)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * A deadline counted in calendar days that falls on a day off moves to the next
	 * working day.
	 */
	public LocalDate addCalendarDays(LocalDate from, int days) {
		return nextWorkingDayFrom(from.plusDays(days));
	}

	public LocalDate addMonths(LocalDate from, int months) {
		return nextWorkingDayFrom(from.plusMonths(months));
	}

	public LocalDate nextWorkingDayFrom(LocalDate day) {
		LocalDate d = day;
		while (!isWorkingDay(d)) {
			d = d.plusDays(1);
		}
		return d;
	}

	public List<CalendarDay> days(int year) {
		return this.jdbc.sql("SELECT day, kind, name FROM calendar_day WHERE day BETWEEN ? AND ? ORDER BY day")
			.params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
			.query((rs, n) -> new CalendarDay(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)),
					rs.getString(3)))
			.list();
	}

	void evict(int year) {
		this.years.remove(year);
	}

	private Map<LocalDate, String> year(int year) {
		return this.years.computeIfAbsent(year, (y) -> {
			Map<LocalDate, String> map = new ConcurrentHashMap<>();
			days(y).forEach((d) -> map.put(d.day(), d.kind().name()));
			return map;
		});
	}

	/** HOLIDAY = a day off; WORKDAY = a make-up working day (调休上班). */
	public enum DayKind {

		HOLIDAY, WORKDAY

	}

	/**
	 * One special day of the calendar.
	 *
	 * @param day the date
	 * @param kind holiday or make-up working day
	 * @param name e.g. 春节
	 */
	public record CalendarDay(LocalDate day, DayKind kind, String name) {
	}

}
