package cn.gov.cppcc.proposals.statistics.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.gov.cppcc.proposals.statistics.report.Reports.CategoryReport;
import cn.gov.cppcc.proposals.statistics.report.Reports.CategoryRow;
import cn.gov.cppcc.proposals.statistics.report.Reports.FollowUpFigures;
import cn.gov.cppcc.proposals.statistics.report.Reports.KeyProposalFigures;
import cn.gov.cppcc.proposals.statistics.report.Reports.Overview;
import cn.gov.cppcc.proposals.statistics.report.Reports.Trend;
import cn.gov.cppcc.proposals.statistics.report.Reports.TrendPoint;
import cn.gov.cppcc.proposals.statistics.report.Reports.UnitReport;
import cn.gov.cppcc.proposals.statistics.report.Reports.UnitRow;

/**
 * The reports as an {@code .xlsx} workbook (Apache POI): one sheet per table (总览, 承办单位,
 * 类别, 趋势; key proposals and follow-ups on 总览 and 承办单位), Chinese headers, fixed column
 * widths, percentages as {@code 0.0%} of the same fractions the API answers, counts as
 * whole numbers. Hidden ranking fields stay empty.
 */
final class WorkbookWriter {

	private final XSSFWorkbook workbook = new XSSFWorkbook();

	private final CellStyle header;

	private final CellStyle count;

	private final CellStyle percent;

	private final CellStyle decimal;

	private final CellStyle text;

	WorkbookWriter() {
		Font bold = this.workbook.createFont();
		bold.setBold(true);
		this.header = this.workbook.createCellStyle();
		this.header.setFont(bold);
		this.header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
		this.header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
		this.header.setBorderBottom(BorderStyle.THIN);
		this.header.setWrapText(true);
		this.count = style("#,##0");
		this.percent = style("0.0%");
		this.decimal = style("0.0");
		this.text = this.workbook.createCellStyle();
	}

	private CellStyle style(String format) {
		CellStyle style = this.workbook.createCellStyle();
		style.setDataFormat(this.workbook.createDataFormat().getFormat(format));
		return style;
	}

	byte[] write(Overview overview, UnitReport units, CategoryReport categories, Trend trend) {
		overviewSheet(overview);
		unitsSheet(units);
		categoriesSheet(categories);
		trendSheet(trend);
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			this.workbook.write(out);
			this.workbook.close();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void overviewSheet(Overview o) {
		Sheet sheet = this.workbook.createSheet("总览");
		headers(sheet, List.of("指标", "数值"), new int[] { 24, 16 });
		int r = 1;
		r = line(sheet, r, "届次", (o.session() != null) ? o.session() : "全部");
		r = line(sheet, r, "提案总数", o.received());
		r = line(sheet, r, "立案数", o.filed());
		r = rate(sheet, r, "立案率", o.filingRate());
		r = line(sheet, r, "交办数", o.assigned());
		r = line(sheet, r, "办复数", o.replied());
		r = rate(sheet, r, "办复率", o.replyRate());
		r = line(sheet, r, "按期办复数", o.onTime());
		r = rate(sheet, r, "按期办复率", o.onTimeRate());
		r = line(sheet, r, "当前超期数", o.overdueNow());
		r = line(sheet, r, "A类", o.resultClasses().a());
		r = rate(sheet, r, "A类占比", o.resultClasses().aShare());
		r = line(sheet, r, "B类", o.resultClasses().b());
		r = rate(sheet, r, "B类占比", o.resultClasses().bShare());
		r = line(sheet, r, "C类", o.resultClasses().c());
		r = rate(sheet, r, "C类占比", o.resultClasses().cShare());
		r = line(sheet, r, "满意", o.ratings().satisfied());
		r = line(sheet, r, "基本满意", o.ratings().basicallySatisfied());
		r = line(sheet, r, "不满意", o.ratings().unsatisfied());
		r = rate(sheet, r, "满意率", o.ratings().satisfactionRate());
		r = line(sheet, r, "见面数", o.withMeeting());
		r = rate(sheet, r, "见面率", o.meetingRate());
		r = line(sheet, r, "重新办理数", o.rehandled());
		r = days(sheet, r, "平均办复天数", o.averageDaysToReply());
		r = days(sheet, r, "办复天数中位数", o.medianDaysToReply());
		r = line(sheet, r, "重点提案数", o.keyProposals());
		r = line(sheet, r, "已公开答复数", o.published());
		KeyProposalFigures k = o.keyProposalHandling();
		r = line(sheet, r, "重点提案交办数", k.assigned());
		r = line(sheet, r, "重点提案办复数", k.replied());
		r = rate(sheet, r, "重点提案办复率", k.replyRate());
		r = line(sheet, r, "重点提案按期办复数", k.onTime());
		r = rate(sheet, r, "重点提案按期办复率", k.onTimeRate());
		r = rate(sheet, r, "重点提案满意率", k.ratings().satisfactionRate());
		FollowUpFigures f = o.followUps();
		r = line(sheet, r, "应跟踪答复数", f.owed());
		r = line(sheet, r, "已跟踪答复数", f.answered());
		r = rate(sheet, r, "跟踪答复率", f.answerRate());
		r = line(sheet, r, "按期跟踪答复数", f.onTime());
		r = rate(sheet, r, "按期跟踪答复率", f.onTimeRate());
		r = line(sheet, r, "跟踪答复当前超期数", f.overdueNow());
		r = line(sheet, r, "跟踪答复后A类", f.resultClassesAfter().a());
		r = line(sheet, r, "跟踪答复后B类", f.resultClassesAfter().b());
		r = line(sheet, r, "跟踪答复后C类", f.resultClassesAfter().c());
		r = line(sheet, r, "跟踪答复后解决数", f.solvedAfterFollowUp());
		rate(sheet, r, "解决率（含跟踪答复）", f.solvedShareWithFollowUps());
	}

	private void unitsSheet(UnitReport report) {
		Sheet sheet = this.workbook.createSheet("承办单位");
		headers(sheet,
				List.of("名次", "承办单位", "单位编号", "承办数", "协办数", "办复数", "办复率", "按期办复数", "按期办复率", "平均办复天数", "办复天数中位数", "A类",
						"B类", "C类", "满意", "基本满意", "不满意", "满意率", "见面数", "见面率", "当前超期数", "重点提案数", "重点提案办复数", "重点提案按期办复数",
						"重点提案满意率", "应跟踪答复数", "已跟踪答复数", "按期跟踪答复数", "跟踪答复当前超期数", "跟踪答复后解决数"),
				new int[] { 6, 28, 10, 8, 8, 8, 9, 10, 10, 12, 14, 6, 6, 6, 6, 9, 7, 9, 8, 9, 10, 10, 14, 18, 14, 12,
						12, 14, 18, 16 });
		int r = 1;
		for (UnitRow u : report.items()) {
			Row row = sheet.createRow(r++);
			int c = 0;
			number(row, c++, (u.rank() != null) ? u.rank().doubleValue() : null, this.count);
			text(row, c++, u.unitName());
			text(row, c++, u.unitId());
			number(row, c++, (double) u.assigned(), this.count);
			number(row, c++, (double) u.coHandled(), this.count);
			number(row, c++, (double) u.replied(), this.count);
			number(row, c++, u.replyRate(), this.percent);
			number(row, c++, (double) u.onTime(), this.count);
			number(row, c++, u.onTimeRate(), this.percent);
			number(row, c++, u.averageDaysToReply(), this.decimal);
			number(row, c++, u.medianDaysToReply(), this.decimal);
			number(row, c++, (double) u.resultClasses().a(), this.count);
			number(row, c++, (double) u.resultClasses().b(), this.count);
			number(row, c++, (double) u.resultClasses().c(), this.count);
			number(row, c++, (double) u.ratings().satisfied(), this.count);
			number(row, c++, (double) u.ratings().basicallySatisfied(), this.count);
			number(row, c++, (double) u.ratings().unsatisfied(), this.count);
			number(row, c++, u.ratings().satisfactionRate(), this.percent);
			number(row, c++, (double) u.withMeeting(), this.count);
			number(row, c++, u.meetingRate(), this.percent);
			number(row, c++, (double) u.overdueNow(), this.count);
			KeyProposalFigures k = u.keyProposalHandling();
			number(row, c++, (double) k.count(), this.count);
			number(row, c++, (double) k.replied(), this.count);
			number(row, c++, (double) k.onTime(), this.count);
			number(row, c++, k.ratings().satisfactionRate(), this.percent);
			FollowUpFigures f = u.followUps();
			number(row, c++, (double) f.owed(), this.count);
			number(row, c++, (double) f.answered(), this.count);
			number(row, c++, (double) f.onTime(), this.count);
			number(row, c++, (double) f.overdueNow(), this.count);
			number(row, c, (double) f.solvedAfterFollowUp(), this.count);
		}
	}

	private void categoriesSheet(CategoryReport report) {
		Sheet sheet = this.workbook.createSheet("类别");
		headers(sheet,
				List.of("类别", "提案总数", "立案数", "立案率", "交办数", "办复数", "办复率", "按期办复数", "按期办复率", "A类", "B类", "C类", "满意率"),
				new int[] { 16, 10, 8, 9, 8, 8, 9, 10, 10, 6, 6, 6, 9 });
		int r = 1;
		for (CategoryRow k : report.items()) {
			Row row = sheet.createRow(r++);
			int c = 0;
			text(row, c++, k.category());
			number(row, c++, (double) k.received(), this.count);
			number(row, c++, (double) k.filed(), this.count);
			number(row, c++, k.filingRate(), this.percent);
			number(row, c++, (double) k.assigned(), this.count);
			number(row, c++, (double) k.replied(), this.count);
			number(row, c++, k.replyRate(), this.percent);
			number(row, c++, (double) k.onTime(), this.count);
			number(row, c++, k.onTimeRate(), this.percent);
			number(row, c++, (double) k.resultClasses().a(), this.count);
			number(row, c++, (double) k.resultClasses().b(), this.count);
			number(row, c++, (double) k.resultClasses().c(), this.count);
			number(row, c, k.ratings().satisfactionRate(), this.percent);
		}
	}

	private void trendSheet(Trend trend) {
		Sheet sheet = this.workbook.createSheet("趋势");
		headers(sheet, List.of("期间", "收到提案数", "立案数", "交办数", "办复数", "按期办复数"), new int[] { 10, 12, 8, 8, 8, 12 });
		int r = 1;
		for (TrendPoint p : trend.items()) {
			Row row = sheet.createRow(r++);
			text(row, 0, p.period());
			number(row, 1, (double) p.received(), this.count);
			number(row, 2, (double) p.filed(), this.count);
			number(row, 3, (double) p.assigned(), this.count);
			number(row, 4, (double) p.replied(), this.count);
			number(row, 5, (double) p.onTime(), this.count);
		}
	}

	private void headers(Sheet sheet, List<String> names, int[] widths) {
		Row row = sheet.createRow(0);
		for (int i = 0; i < names.size(); i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(names.get(i));
			cell.setCellStyle(this.header);
			// width in 1/256 of a character; CJK characters are about two wide
			sheet.setColumnWidth(i, Math.max(widths[i], names.get(i).length() * 2 + 2) * 256);
		}
		sheet.createFreezePane(0, 1);
	}

	private int line(Sheet sheet, int r, String name, Object value) {
		Row row = sheet.createRow(r);
		text(row, 0, name);
		if (value instanceof Number n) {
			number(row, 1, n.doubleValue(), this.count);
		}
		else {
			text(row, 1, String.valueOf(value));
		}
		return r + 1;
	}

	private int rate(Sheet sheet, int r, String name, Double value) {
		Row row = sheet.createRow(r);
		text(row, 0, name);
		number(row, 1, value, this.percent);
		return r + 1;
	}

	private int days(Sheet sheet, int r, String name, Double value) {
		Row row = sheet.createRow(r);
		text(row, 0, name);
		number(row, 1, value, this.decimal);
		return r + 1;
	}

	private void text(Row row, int c, String value) {
		Cell cell = row.createCell(c);
		cell.setCellValue((value != null) ? value : "");
		cell.setCellStyle(this.text);
	}

	private void number(Row row, int c, Double value, CellStyle style) {
		Cell cell = row.createCell(c);
		if (value != null) {
			cell.setCellValue(value);
		}
		cell.setCellStyle(style);
	}

}
