package cn.gov.cppcc.proposals.proposal.publicreply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.proposal.proposal.Masking;
import cn.gov.cppcc.proposals.proposal.search.SearchIndex;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Published replies for anyone (答复公开): only replies whose proposal the committee
 * published in full or as a summary, newest first, with phone numbers, ID numbers and
 * e-mail addresses masked and no contact details.
 */
@RestController
@Validated
class PublicReplyController {

	private static final TypeReference<List<Map<String, Object>>> SECTIONS = new TypeReference<>() {
	};

	private static final String SELECT = """
			SELECT r.id, r.proposal_id, r.unit_id, r.handling_round, r.result_class, r.body, r.sections, r.reply_date,
			r.sent_at, p.title, p.number, p.session_id, p.category, p.publication_level, p.publication_summary,
			p.published_at, (SELECT u.unit_name FROM proposal_unit u WHERE u.proposal_id = p.id AND u.unit_id = r.unit_id
			ORDER BY u.active DESC LIMIT 1) AS unit_name
			FROM reply r JOIN proposal p ON p.id = r.proposal_id
			WHERE r.status = 'SENT' AND p.publication_level IN ('FULL', 'SUMMARY')""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final SearchIndex search;

	PublicReplyController(JdbcClient jdbc, JsonMapper json, SearchIndex search) {
		this.jdbc = jdbc;
		this.json = json;
		this.search = search;
	}

	record PublicReply(String id, String proposalId, String number, String title, String sessionId, String category,
			String unitId, String unitName, List<String> unitNames, int round, String resultClass, String level,
			String body, List<Map<String, Object>> sections, LocalDate replyDate, OffsetDateTime sentAt,
			OffsetDateTime publishedAt) {
	}

	record Page(List<PublicReply> items, int page, int size, long total) {
	}

	@GetMapping("/api/v1/public/replies")
	Page list(@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "1") @Min(1) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		StringBuilder where = new StringBuilder();
		List<Object> params = new ArrayList<>();
		if (q != null && !q.isBlank()) {
			List<Long> hits = this.search.search(q, false);
			if (hits.isEmpty()) {
				return new Page(List.of(), page, size, 0);
			}
			where.append(" AND p.id IN (").append("?, ".repeat(hits.size() - 1)).append("?)");
			params.addAll(hits);
		}
		long total = this.jdbc.sql("""
				SELECT COUNT(*) FROM reply r JOIN proposal p ON p.id = r.proposal_id
				WHERE r.status = 'SENT' AND p.publication_level IN ('FULL', 'SUMMARY')""" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((page - 1) * size);
		List<PublicReply> items = this.jdbc.sql(SELECT + where + " ORDER BY r.sent_at DESC, r.id DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query((rs, n) -> map(rs))
			.list()
			.stream()
			.map(this::withUnitNames)
			.toList();
		return new Page(items, page, size, total);
	}

	@GetMapping("/api/v1/public/replies/{id}")
	PublicReply get(@PathVariable long id) {
		return this.jdbc.sql(SELECT + " AND r.id = ?")
			.param(id)
			.query((rs, n) -> map(rs))
			.optional()
			.map(this::withUnitNames)
			.orElseThrow(ApiException::notFound);
	}

	private PublicReply withUnitNames(PublicReply reply) {
		List<String> unitNames = this.jdbc
			.sql("SELECT unit_name FROM proposal_unit WHERE proposal_id = ? AND active = 1 ORDER BY FIELD(role, 'LEAD',"
					+ " 'SEPARATE', 'CO'), unit_id")
			.param(Long.parseLong(reply.proposalId()))
			.query(String.class)
			.list();
		return new PublicReply(reply.id(), reply.proposalId(), reply.number(), reply.title(), reply.sessionId(),
				reply.category(), reply.unitId(), reply.unitName(), unitNames, reply.round(), reply.resultClass(),
				reply.level(), reply.body(), reply.sections(), reply.replyDate(), reply.sentAt(), reply.publishedAt());
	}

	private PublicReply map(ResultSet rs) throws SQLException {
		boolean full = "FULL".equals(rs.getString("publication_level"));
		List<Map<String, Object>> sections = List.of();
		if (full) {
			sections = this.json.readValue(rs.getString("sections"), SECTIONS)
				.stream()
				.map((s) -> Map.<String, Object>of("suggestionIndex", s.get("suggestionIndex"), "text",
						Masking.maskText(String.valueOf(s.get("text")))))
				.toList();
		}
		long proposalId = rs.getLong("proposal_id");
		// unit names are read after this result set is closed (withUnitNames): a nested
		// query here would take a
		// second pooled connection while the first is held, and enough concurrent readers
		// exhaust the pool
		List<String> unitNames = List.of();
		return new PublicReply(rs.getString("id"), String.valueOf(proposalId), rs.getString("number"),
				rs.getString("title"), rs.getString("session_id"), rs.getString("category"), rs.getString("unit_id"),
				rs.getString("unit_name"), unitNames, rs.getInt("handling_round"), rs.getString("result_class"),
				rs.getString("publication_level"),
				Masking.maskText(full ? rs.getString("body") : rs.getString("publication_summary")), sections,
				rs.getObject("reply_date", LocalDate.class), odt(rs, "sent_at"), odt(rs, "published_at"));
	}

	private static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
		java.time.Instant instant = Db.instant(rs, column);
		return (instant != null) ? instant.atZone(Db.ZONE).toOffsetDateTime() : null;
	}

}
