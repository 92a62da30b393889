package cn.gov.cppcc.proposals.statistics.export;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.report.ReportCache;
import cn.gov.cppcc.proposals.statistics.report.ReportService;
import cn.gov.cppcc.proposals.statistics.report.Reports.Trend;
import cn.gov.cppcc.proposals.statistics.report.TrendRange;
import cn.gov.cppcc.proposals.statistics.unit.UnitNames;

@RestController
@Tag(name = "统计报表 Statistics")
class ExportController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final ReportService reports;

	private final StatisticsProperties properties;

	private final ReportCache cache;

	private final UnitNames unitNames;

	ExportController(ReportService reports, StatisticsProperties properties, ReportCache cache, UnitNames unitNames) {
		this.reports = reports;
		this.properties = properties;
		this.cache = cache;
		this.unitNames = unitNames;
	}

	@Operation(summary = "导出 Excel（提案委员会、管理员）",
			description = "The overview, units, categories and trend (default the last 12 months) of a session as an "
					+ ".xlsx workbook, one sheet per table (总览, 承办单位, 类别, 趋势).")
	@GetMapping("/api/v1/statistics/export")
	ResponseEntity<byte[]> export(
			@RequestParam(required = false) @Pattern(regexp = "[0-9A-Za-z_-]{1,32}") String session,
			@RequestParam(required = false) @Pattern(regexp = "[0-9]{4}-[0-9]{2}(-[0-9]{2})?") String from,
			@RequestParam(required = false) @Pattern(regexp = "[0-9]{4}-[0-9]{2}(-[0-9]{2})?") String to) {
		// the workbook is kept like the reports under it, until the read model changes
		// (ReportCache); the unit names (from the directory, not from events) are part of
		// the key, so that a renamed unit is not exported under its old name
		String key = "export|" + session + "|" + from + "|" + to + "|" + this.unitNames.names().hashCode();
		byte[] workbook = this.cache.get(key, () -> {
			Trend trend = TrendRange.trend(this.reports, this.properties, from, to, "month", session);
			return new WorkbookWriter().write(this.reports.overview(session), this.reports.units(session, null),
					this.reports.categories(session), trend);
		});
		String name = "提案统计-" + ((session != null) ? session : "全部") + ".xlsx";
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(workbook);
	}

}
