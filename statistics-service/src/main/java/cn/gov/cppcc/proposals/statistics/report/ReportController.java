package cn.gov.cppcc.proposals.statistics.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.report.Reports.CategoryReport;
import cn.gov.cppcc.proposals.statistics.report.Reports.Overview;
import cn.gov.cppcc.proposals.statistics.report.Reports.PublicStatistics;
import cn.gov.cppcc.proposals.statistics.report.Reports.Trend;
import cn.gov.cppcc.proposals.statistics.report.Reports.UnitReport;

/**
 * The statistics of API.md (Statistics). Roles are checked in SecurityConfig; here only
 * the unit scope: unit staff see their own unit's row and nothing else.
 */
@RestController
@Tag(name = "统计报表 Statistics", description = "Figures built from the proposal event feed (DOMAIN.md, What people "
		+ "measure). Every rate is a fraction 0–1 defined in the schema of its field; null when its denominator is 0.")
class ReportController {

	static final String SESSION_PATTERN = "[0-9A-Za-z_-]{1,32}";

	private final ReportService reports;

	private final StatisticsProperties properties;

	ReportController(ReportService reports, StatisticsProperties properties) {
		this.reports = reports;
		this.properties = properties;
	}

	@Operation(summary = "总览（提案委员会、管理员）",
			description = "received, filed (立案率), replied (办复率), on time (按期办复率), overdue now, A/B/C, 满意率, "
					+ "见面率, re-handled, days to reply; one session (`session=12-1`) or all.")
	@GetMapping("/api/v1/statistics/overview")
	Overview overview(@Parameter(description = "届次 id, e.g. 12-1") @RequestParam(required = false) @Pattern(
			regexp = SESSION_PATTERN) String session) {
		return this.reports.overview(session);
	}

	@Operation(summary = "承办单位统计（提案委员会、管理员；承办单位人员只见本单位一行）",
			description = "One row per handling unit; rates and rank hidden below the minimum number of proposals.")
	@GetMapping("/api/v1/statistics/units")
	UnitReport units(@RequestParam(required = false) @Pattern(regexp = SESSION_PATTERN) String session,
			CurrentUser user) {
		if (user.hasAnyRole("COMMITTEE", "ADMIN")) {
			return this.reports.units(session, null);
		}
		String own = (user.unitId() != null) ? user.unitId() : "\u0000none";
		return this.reports.units(session, own);
	}

	@Operation(summary = "类别统计（提案委员会、管理员）", description = "One row per category.")
	@GetMapping("/api/v1/statistics/categories")
	CategoryReport categories(@RequestParam(required = false) @Pattern(regexp = SESSION_PATTERN) String session) {
		return this.reports.categories(session);
	}

	@Operation(summary = "趋势（提案委员会、管理员）",
			description = "Per month (or year) from `from` to `to` (yyyy-MM or yyyy-MM-dd, both included; default the "
					+ "last 12 months): received, filed, assigned, replied, replied on time in that period.")
	@GetMapping("/api/v1/statistics/trend")
	Trend trend(@RequestParam(required = false) @Pattern(regexp = "[0-9]{4}-[0-9]{2}(-[0-9]{2})?") String from,
			@RequestParam(required = false) @Pattern(regexp = "[0-9]{4}-[0-9]{2}(-[0-9]{2})?") String to,
			@RequestParam(defaultValue = "month") @Pattern(regexp = "month|year") String interval,
			@RequestParam(required = false) @Pattern(regexp = SESSION_PATTERN) String session) {
		return TrendRange.trend(this.reports, this.properties, from, to, interval, session);
	}

	@Operation(summary = "公开统计（任何人）",
			description = "The published headline figures per session: received, filed, 办复率, 满意率.")
	@GetMapping("/api/v1/public/statistics")
	PublicStatistics publicStatistics() {
		return this.reports.publicStatistics();
	}

}
