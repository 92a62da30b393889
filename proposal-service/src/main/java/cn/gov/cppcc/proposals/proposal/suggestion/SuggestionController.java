package cn.gov.cppcc.proposals.proposal.suggestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalService;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.SuggestedUnit;

/**
 * Issue 8: where should a proposal go (交办建议), and which earlier proposals are on the same
 * matter (并案 and history). Committee only (SecurityConfig).
 */
@RestController
@Validated
@Tag(name = "交办建议 Assignment suggestions",
		description = "Suggested handling units and similar proposals, computed in memory from the 派单目录 (each unit's "
				+ "responsibilities) and every assignment the committee has made (Lucene, smartcn). Advice only: the "
				+ "committee decides the assignment.")
class SuggestionController {

	private final AssignmentSuggestions suggestions;

	private final ProposalService proposals;

	private final JdbcClient jdbc;

	SuggestionController(AssignmentSuggestions suggestions, ProposalService proposals, JdbcClient jdbc) {
		this.suggestions = suggestions;
		this.proposals = proposals;
		this.jdbc = jdbc;
	}

	record SuggestionRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 50000) String content) {
	}

	record SimilarView(String id, String number, String title, String sessionLabel, double score, String leadUnitId,
			String leadUnitName, String outcome) {
	}

	@PostMapping("/api/v1/assignment-suggestions")
	@Operation(summary = "交办建议：主办、协办单位（提案委员会）",
			description = "Ranked units for a proposal text: the first is LEAD (主办), the next ones scoring at least 30 % "
					+ "of the lead are CO (协办). score in [0, 1] mixes (a) how well the text matches the unit's "
					+ "responsibilities in the 派单目录 and (b) votes of the nearest earlier assignments, which weigh "
					+ "more the closer the nearest one is. reasons say why, in words a person can check: "
					+ "\"职责匹配：信息化、数字经济\" (the proposal's words found in the unit's responsibilities) and "
					+ "\"相似提案「…」(十二届一次会议第0768号) 由该单位主办\" (or 协办: an earlier similar proposal this unit "
					+ "handled). An empty list when the text has no content word. 400 for a missing or oversized "
					+ "title (≤ 200) or content (≤ 50000), or limit outside 1..10.")
	List<SuggestedUnit> suggest(@Valid @RequestBody SuggestionRequest request,
			@Parameter(description = "at most this many units, 1..10") @RequestParam(
					defaultValue = "5") @Min(1) @Max(10) int limit) {
		return this.suggestions.suggest(request.title(), request.content(), limit);
	}

	@GetMapping("/api/v1/proposals/{id}/similar")
	@Operation(summary = "相似提案（提案委员会）",
			description = "Assigned proposals of this and earlier sessions on the same matter as proposal {id} (itself "
					+ "left out), most similar first: candidates for merging (并案) and the history of the matter. score is "
					+ "the tf-idf cosine of the two texts in [0, 1] (only those ≥ 0.12); leadUnitId/leadUnitName where it "
					+ "went; outcome the result class of its reply (A/B/C) or its status while not replied. 404 when the "
					+ "proposal does not exist.")
	List<SimilarView> similar(@PathVariable long id, @Parameter(description = "at most this many, 1..20") @RequestParam(
			defaultValue = "10") @Min(1) @Max(20) int limit, CurrentUser user) {
		Proposal p = this.proposals.get(id, user);
		List<AssignmentSuggestions.Similar> found = this.suggestions.similar(id, p.title(), p.content(), limit * 2);
		if (found.isEmpty()) {
			return List.of();
		}
		Map<Long, Row> rows = new HashMap<>();
		this.jdbc.sql("""
				SELECT p.id, p.number, p.title, s.name, s.term, s.session_no
				FROM proposal p LEFT JOIN term_session s ON s.id = p.session_id WHERE p.id IN (:ids)""")
			.param("ids", found.stream().map(AssignmentSuggestions.Similar::id).toList())
			.query((rs) -> {
				rows.put(rs.getLong("id"), new Row(rs.getString("number"), rs.getString("title"), rs.getString("name"),
						rs.getObject("term", Integer.class), rs.getObject("session_no", Integer.class)));
			});
		List<SimilarView> out = new ArrayList<>();
		for (AssignmentSuggestions.Similar s : found) {
			Row row = rows.get(s.id());
			if (row == null || out.size() >= limit || later(row, p)) {
				continue;
			}
			String leadName = this.jdbc.sql(
					"SELECT unit_name FROM proposal_unit WHERE proposal_id = ? AND unit_id = ? ORDER BY active DESC LIMIT 1")
				.params(s.id(), s.leadUnitId())
				.query(String.class)
				.optional()
				.orElse(this.suggestions.unitName(s.leadUnitId()));
			out.add(new SimilarView(String.valueOf(s.id()), row.number(), row.title(), row.session(), s.score(),
					s.leadUnitId(), leadName, s.outcome()));
		}
		return out;
	}

	private record Row(String number, String title, String session, Integer term, Integer sessionNo) {
	}

	/** Whether a found proposal belongs to a session after the one of the proposal. */
	private static boolean later(Row r, Proposal p) {
		if (p.term() == null || p.sessionNo() == null || r.term() == null || r.sessionNo() == null) {
			return false;
		}
		return r.term() > p.term() || (r.term().equals(p.term()) && r.sessionNo() > p.sessionNo());
	}

}
