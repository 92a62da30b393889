package cn.gov.cppcc.proposals.proposal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeded official calendars (State Council notices for 2025 and 2026) and the ADMIN
 * endpoint that adds a year.
 */
class WorkingCalendarTests extends IntegrationTestSupport {

	@Autowired
	WorkingCalendar calendar;

	@Test
	void officialHolidaysAndMakeUpDays() {
		// 2025: 春节 1/28-2/4, make-up 1/26 (Sun) and 2/8 (Sat); 国庆中秋 10/1-10/8, make-up
		// 9/28 and 10/11
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 1, 28))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 2, 4))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 4, 27))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2025, 10, 11))).isTrue();
		// 2026: 元旦 1/1-1/3 with 1/4 (Sun) worked; 春节 2/15-2/23 with 2/14 and 2/28; 劳动节
		// make-up 5/9
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 1, 2))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 5, 9))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 10, 7))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
		// an ordinary weekend
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse();
		// 10 working days from Fri 2026-09-18: skips 中秋 and 国庆, counts Sun 9/20 and Sat
		// 10/10
		assertThat(this.calendar.addWorkingDays(LocalDate.of(2026, 9, 18), 5)).isEqualTo(LocalDate.of(2026, 9, 24));
		assertThat(this.calendar.addWorkingDays(LocalDate.of(2026, 9, 29), 2)).isEqualTo(LocalDate.of(2026, 10, 8));
	}

	@Test
	void adminAddsAYear() {
		assertThat(get("/api/v1/calendar/2027", admin()).body().path("days").size()).isZero();
		Resp put = put("/api/v1/calendar/2027", admin(),
				Map.of("days", List.of(Map.of("day", "2027-01-01", "kind", "HOLIDAY", "name", "元旦"),
						Map.of("day", "2027-02-20", "kind", "WORKDAY", "name", "春节调休上班"))));
		assertThat(put.status()).isEqualTo(200);
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
		assertThat(this.calendar.isWorkingDay(LocalDate.of(2027, 2, 20))).isTrue();
		assertThat(put("/api/v1/calendar/2027", admin(),
				Map.of("days", List.of(Map.of("day", "2028-01-01", "kind", "HOLIDAY", "name", "x"))))
			.code()).isEqualTo("calendar-day-outside-year");
		assertThat(put("/api/v1/calendar/2027", admin(),
				Map.of("days", List.of(Map.of("day", "2027-01-01", "kind", "PARTY", "name", "x"))))
			.status()).isEqualTo(400);
	}

}
