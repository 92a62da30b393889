package cn.gov.cppcc.proposals.proposal.calendar;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar.CalendarDay;
import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar.DayKind;

/**
 * The working-day calendar of a year: read by signed-in users, replaced by ADMIN when the
 * State Council publishes the next year's holidays.
 */
@RestController
@Validated
class CalendarController {

	private final WorkingCalendar calendar;

	private final JdbcClient jdbc;

	CalendarController(WorkingCalendar calendar, JdbcClient jdbc) {
		this.calendar = calendar;
		this.jdbc = jdbc;
	}

	@GetMapping("/api/v1/calendar/{year}")
	YearView get(@PathVariable @Min(2000) @Max(2100) int year) {
		return new YearView(year, this.calendar.days(year));
	}

	@PutMapping("/api/v1/calendar/{year}")
	@Transactional
	YearView put(@PathVariable @Min(2000) @Max(2100) int year, @Valid @RequestBody YearUpdate update) {
		for (DayUpdate day : update.days()) {
			if (day.day().getYear() != year) {
				throw new ApiException(HttpStatus.BAD_REQUEST, "calendar-day-outside-year", day.day(), year);
			}
		}
		this.jdbc.sql("DELETE FROM calendar_day WHERE day BETWEEN ? AND ?")
			.params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
			.update();
		for (DayUpdate day : update.days()) {
			this.jdbc.sql("INSERT INTO calendar_day (day, kind, name) VALUES (?, ?, ?)")
				.params(day.day(), day.kind().name(), day.name())
				.update();
		}
		this.calendar.evict(year);
		return new YearView(year, this.calendar.days(year));
	}

	record YearView(int year, List<CalendarDay> days) {
	}

	record YearUpdate(@NotNull @Size(max = 366) List<@Valid @NotNull DayUpdate> days) {
	}

	record DayUpdate(@NotNull LocalDate day, @NotNull DayKind kind, @NotBlank @Size(max = 64) String name) {
	}

}
