package cn.gov.cppcc.proposals.statistics.report;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answers of the reports. Every rate is defined here, once, in its {@code @Schema}
 * description (the OpenAPI document) — CANVAS.md repeats the same table for readers of
 * the repository. Rates are fractions 0–1 (4 places), {@code null} when the denominator
 * is 0.
 */
public final class Reports {

	private Reports() {
	}

	@Schema(description = "满意度汇总 / ratings: each proposer's latest rating (a rating after re-handling replaces "
			+ "the earlier one)")
	public record Ratings(@Schema(description = "满意") long satisfied,
			@Schema(description = "基本满意") long basicallySatisfied, @Schema(description = "不满意") long unsatisfied,
			@Schema(description = "收到的评价数 = 满意 + 基本满意 + 不满意") long received,
			@Schema(description = "满意率 = (满意 + 基本满意) / 收到的评价数") Double satisfactionRate) {

		static Ratings of(long satisfied, long basically, long unsatisfied) {
			long received = satisfied + basically + unsatisfied;
			return new Ratings(satisfied, basically, unsatisfied, received,
					Rates.rate(satisfied + basically, received));
		}

	}

	@Schema(description = "办理结果分类 / result classes of replied proposals (A 已解决或基本解决, B 正在解决或列入计划, "
			+ "C 因条件限制暂不能解决/留作参考, D 其他)")
	public record ResultClasses(long a, long b, long c, long d,
			@Schema(description = "A 类占比 = A / (A + B + C + D)") Double aShare,
			@Schema(description = "B 类占比 = B / (A + B + C + D)") Double bShare,
			@Schema(description = "C 类占比 = C / (A + B + C + D)") Double cShare) {

		static ResultClasses of(long a, long b, long c, long d) {
			long all = a + b + c + d;
			return new ResultClasses(a, b, c, d, Rates.rate(a, all), Rates.rate(b, all), Rates.rate(c, all));
		}

	}

	@Schema(description = "重点提案办理 / key proposals (重点提案, DOMAIN.md: selected by the committee, supervised by "
			+ "its leaders): the proposals on the key list now (selected and not cancelled). In the overview over all "
			+ "of them; in a unit row over the key proposals the unit must reply to (LEAD or SEPARATE). Each figure "
			+ "is the general one of the same name restricted to key proposals.")
	public record KeyProposalFigures(
			@Schema(description = "重点提案数 (overview: on the key list, assigned or not; unit row: = 重点提案交办数)") long count,
			@Schema(description = "重点提案交办数: key proposals assigned to units") long assigned,
			@Schema(description = "重点提案办复数: key proposals replied (办复: every lead/separate unit has replied)") long replied,
			@Schema(description = "重点提案办复率 = 重点提案办复数 / 重点提案交办数") Double replyRate,
			@Schema(description = "重点提案按期办复数: replied, every unit's first reply by its deadline") long onTime,
			@Schema(description = "重点提案按期办复率 = 重点提案按期办复数 / 重点提案交办数") Double onTimeRate,
			@Schema(description = "ratings of key proposals: each proposer's latest rating; 满意率 among key "
					+ "proposals") Ratings ratings) {
	}

	@Schema(description = "跟踪答复 / follow-ups (DOMAIN.md: a B-class reply promised something; the unit answers "
			+ "again once it is done). Counted over replied proposals whose reply is of a follow-up class (B by "
			+ "default; proposal-service's platform.proposals.follow-up-classes): the reply that gives the proposal its "
			+ "class in the overview (the latest, as A/B/C), the unit's own reply in a unit row. A re-handling round "
			+ "supersedes the reply and its promise: the new reply decides. The A/B/C figures and shares keep the "
			+ "class of the reply; a follow-up answer of class A is counted apart, as 跟踪答复后解决数.")
	public record FollowUpFigures(
			@Schema(description = "应跟踪答复数: replies of a follow-up class (B) owing a follow-up answer") long owed,
			@Schema(description = "已跟踪答复数: of those, the follow-up answer was sent") long answered,
			@Schema(description = "跟踪答复率 = 已跟踪答复数 / 应跟踪答复数") Double answerRate,
			@Schema(description = "按期跟踪答复数: answered by the follow-up due date (platform.proposals.follow-up-months "
					+ "after the reply; the events' followUpDue)") long onTime,
			@Schema(description = "按期跟踪答复率 = 按期跟踪答复数 / 应跟踪答复数") Double onTimeRate,
			@Schema(description = "跟踪答复当前超期数: owed, not answered, due date before today (replies whose events "
					+ "carry no due date are not counted)") long overdueNow,
			@Schema(description = "result class in the follow-up answers (the result now); shares over the answers") ResultClasses resultClassesAfter,
			@Schema(description = "跟踪答复后解决数: follow-up answers of class A (a B that became A: solved after the "
					+ "follow-up)") long solvedAfterFollowUp,
			@Schema(description = "解决率（含跟踪答复）= (A + 跟踪答复后解决数) / (A + B + C + D), A/B/C/D being the reply "
					+ "classes of the same proposals") Double solvedShareWithFollowUps) {
	}

	@Schema(description = "总览 / overview of one session (or all sessions when no session is given)")
	public record Overview(@Schema(description = "届次, e.g. 12-1; null = all sessions") String session,
			@Schema(description = "收到提案数: submitted and not withdrawn") long received,
			@Schema(description = "立案数: filed (立案)") long filed,
			@Schema(description = "立案率 = 立案数 / 收到提案数") Double filingRate,
			@Schema(description = "交办数: filed proposals assigned to units (交办)") long assigned,
			@Schema(description = "办复数: assigned proposals whose every lead/separate unit has replied") long replied,
			@Schema(description = "办复率 = 办复数 / 交办数") Double replyRate,
			@Schema(description = "按期办复数: replied, and every unit's first reply was by its reply deadline "
					+ "(extensions included)") long onTime,
			@Schema(description = "按期办复率 = 按期办复数 / 交办数") Double onTimeRate,
			@Schema(description = "当前超期数: waiting for a reply (first or after re-handling) whose reply deadline "
					+ "is before today") long overdueNow,
			ResultClasses resultClasses, Ratings ratings,
			@Schema(description = "见面数: assigned proposals with at least one real meeting (communication of kind "
					+ "MEETING or VISIT; phone calls and letters do not count)") long withMeeting,
			@Schema(description = "见面率 = 见面数 / 交办数") Double meetingRate,
			@Schema(description = "重新办理数: proposals sent back for re-handling at least once") long rehandled,
			@Schema(description = "平均办复天数: calendar days from assignment to the day the proposal was replied "
					+ "(the first complete reply), averaged over replied proposals") Double averageDaysToReply,
			@Schema(description = "办复天数中位数 (same days, median)") Double medianDaysToReply,
			@Schema(description = "重点提案数") long keyProposals, @Schema(description = "已公开答复数") long published,
			KeyProposalFigures keyProposalHandling, FollowUpFigures followUps) {
	}

	@Schema(description = "承办单位一行 / one handling unit. Counts are over the proposals the unit must reply to "
			+ "(LEAD 主办 or SEPARATE 分办); co-handling (CO 协办) is counted apart. Ranking fields (rates, days, "
			+ "rank) are null and ranked=false when the unit has fewer than the minimum number of proposals.")
	public record UnitRow(String unitId,
			@Schema(description = "单位名称; the unit id when department-service is " + "unavailable") String unitName,
			@Schema(description = "承办数 (主办 + 分办)") long assigned, @Schema(description = "协办数") long coHandled,
			@Schema(description = "办复数: the unit has sent its reply") long replied,
			@Schema(description = "办复率 = 办复数 / 承办数") Double replyRate,
			@Schema(description = "按期办复数: the unit's first reply was by its deadline") long onTime,
			@Schema(description = "按期办复率 = 按期办复数 / 承办数") Double onTimeRate,
			@Schema(description = "平均办复天数 (assignment of the unit → its first reply)") Double averageDaysToReply,
			@Schema(description = "办复天数中位数") Double medianDaysToReply, ResultClasses resultClasses,
			@Schema(description = "ratings of the proposals this unit replied to") Ratings ratings,
			@Schema(description = "见面数: proposals where this unit held a real meeting (MEETING/VISIT)") long withMeeting,
			@Schema(description = "见面率 = 见面数 / 承办数") Double meetingRate,
			@Schema(description = "当前超期数: the unit's reply is due before today and not sent") long overdueNow,
			@Schema(description = "whether the unit has enough proposals to be ranked") boolean ranked,
			@Schema(description = "名次 by 按期办复率, then 办复率, then 满意率 (1 = best); null when not ranked") Integer rank,
			@Schema(description = "the key proposals this unit must reply to; rates null when not ranked") KeyProposalFigures keyProposalHandling,
			@Schema(description = "follow-ups of this unit's own replies; rates null when not ranked") FollowUpFigures followUps) {

		UnitRow withNameAndRank(String name, Integer rank) {
			return new UnitRow(this.unitId, name, this.assigned, this.coHandled, this.replied, this.replyRate,
					this.onTime, this.onTimeRate, this.averageDaysToReply, this.medianDaysToReply, this.resultClasses,
					this.ratings, this.withMeeting, this.meetingRate, this.overdueNow, this.ranked, rank,
					this.keyProposalHandling, this.followUps);
		}

	}

	@Schema(description = "承办单位表 / the units report")
	public record UnitReport(String session, List<UnitRow> items, long total, @Schema(
			description = "最少件数: units with fewer proposals to reply to are not ranked") int minimumForRanking) {
	}

	@Schema(description = "类别一行 / one category")
	public record CategoryRow(@Schema(description = "类别; 未分类 when none") String category, long received, long filed,
			@Schema(description = "立案率 = 立案数 / 收到提案数") Double filingRate, long assigned, long replied,
			@Schema(description = "办复率 = 办复数 / 交办数") Double replyRate, long onTime,
			@Schema(description = "按期办复率 = 按期办复数 / 交办数") Double onTimeRate, ResultClasses resultClasses,
			Ratings ratings) {
	}

	public record CategoryReport(String session, List<CategoryRow> items, long total) {
	}

	@Schema(description = "趋势一期 / one period of the trend: what happened in that month (or year)")
	public record TrendPoint(@Schema(description = "yyyy-MM (or yyyy)") String period,
			@Schema(description = "submitted in the period") long received,
			@Schema(description = "filed in the period") long filed,
			@Schema(description = "assigned in the period") long assigned,
			@Schema(description = "replied (办复) in the period") long replied,
			@Schema(description = "replied on time in the period") long onTime) {
	}

	public record Trend(String from, String to, String interval, String session, List<TrendPoint> items) {
	}

	@Schema(description = "公开统计 / published headline figures of one session")
	public record PublicSession(String session, Integer term, Integer sessionNo, long received, long filed,
			@Schema(description = "办复率 = 办复数 / 交办数") Double replyRate,
			@Schema(description = "满意率 = (满意 + 基本满意) / 收到的评价数") Double satisfactionRate) {
	}

	public record PublicStatistics(List<PublicSession> sessions) {
	}

}
