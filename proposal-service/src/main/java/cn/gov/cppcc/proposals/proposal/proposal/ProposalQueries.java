package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.ProposalSummary;
import cn.gov.cppcc.proposals.proposal.search.SearchIndex;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * The proposal list: filters, Chinese full text (through {@link SearchIndex}), paging,
 * and the caller's scope expressed in SQL (the same rule as
 * {@link ProposalService#canSee}).
 */
@Component
class ProposalQueries {

	private final JdbcClient jdbc;

	private final SearchIndex search;

	private final Clock clock;

	ProposalQueries(JdbcClient jdbc, SearchIndex search, Clock clock) {
		this.jdbc = jdbc;
		this.search = search;
		this.clock = clock;
	}

	record Filter(String session, ProposalStatus status, String unitId, String category, String q, Boolean overdue,
			Boolean keyProposal, int page, int size) {
	}

	record Result(List<ProposalSummary> items, long total) {
	}

	Result list(Filter filter, CurrentUser user) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		scope(user, where, params);
		if (filter.session() != null) {
			where.append(" AND p.session_id = ?");
			params.add(filter.session());
		}
		if (filter.status() != null) {
			where.append(" AND p.status = ?");
			params.add(filter.status().name());
		}
		if (filter.category() != null) {
			where.append(" AND p.category = ?");
			params.add(filter.category());
		}
		if (filter.unitId() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM proposal_unit u WHERE u.proposal_id = p.id AND u.unit_id = ?"
					+ " AND u.active = 1)");
			params.add(filter.unitId());
		}
		if (filter.keyProposal() != null) {
			where.append(" AND p.key_proposal = ?");
			params.add(filter.keyProposal());
		}
		LocalDate today = LocalDate.now(this.clock.withZone(Db.ZONE));
		if (filter.overdue() != null) {
			String overdue = "(p.status IN ('ASSIGNED', 'REHANDLING') AND p.reply_deadline < ?)";
			where.append(filter.overdue() ? " AND " + overdue : " AND NOT " + overdue);
			params.add(today);
		}
		List<Long> hits = null;
		if (filter.q() != null && !filter.q().isBlank()) {
			hits = this.search.search(filter.q(), false);
			if (hits.isEmpty()) {
				return new Result(List.of(), 0);
			}
			where.append(" AND p.id IN (");
			for (int i = 0; i < hits.size(); i++) {
				where.append((i > 0) ? ", ?" : "?");
				params.add(hits.get(i));
			}
			where.append(")");
		}
		long total = this.jdbc.sql("SELECT COUNT(*) FROM proposal p" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(filter.size());
		pageParams.add((filter.page() - 1) * filter.size());
		// relevance order for a text query, else newest first
		String order = (hits != null) ? " ORDER BY FIELD(p.id" + ", ?".repeat(hits.size()) + ")"
				: " ORDER BY p.id DESC";
		if (hits != null) {
			pageParams.addAll(pageParams.size() - 2, hits);
		}
		List<ProposalSummary> items = this.jdbc
			.sql("""
					SELECT p.id, p.number, p.session_id, p.title, p.category, p.status, p.author_id, p.mode,
					(SELECT u.unit_id FROM proposal_unit u WHERE u.proposal_id = p.id AND u.role = 'LEAD' AND u.active = 1
					LIMIT 1) AS lead_unit_id, p.reply_deadline, p.submitted_at, p.version FROM proposal p"""
					+ where + order + " LIMIT ? OFFSET ?")
			.params(pageParams)
			.query((rs, n) -> {
				LocalDate deadline = rs.getObject("reply_deadline", LocalDate.class);
				String status = rs.getString("status");
				boolean late = deadline != null && today.isAfter(deadline)
						&& ("ASSIGNED".equals(status) || "REHANDLING".equals(status));
				return new ProposalSummary(rs.getString("id"), rs.getString("number"), rs.getString("session_id"),
						rs.getString("title"), rs.getString("category"), status, rs.getString("author_id"),
						rs.getString("mode"), rs.getString("lead_unit_id"), deadline, late,
						ProposalViews.odt(rs, "submitted_at"), rs.getLong("version"));
			})
			.list();
		return new Result(items, total);
	}

	/**
	 * The caller's scope (API.md "What each role sees"); no role that sees anything →
	 * nothing.
	 */
	private static void scope(CurrentUser user, StringBuilder where, List<Object> params) {
		if (user.hasAnyRole("COMMITTEE", "ADMIN")) {
			where.append(" AND (p.status <> 'DRAFT' OR p.author_id = ?)");
			params.add(user.id());
			return;
		}
		List<String> any = new ArrayList<>();
		if (user.hasRole("MEMBER")) {
			any.add("p.author_id = ?");
			params.add(user.id());
			any.add("(p.status <> 'DRAFT' AND EXISTS (SELECT 1 FROM proposal_co_signer c WHERE c.proposal_id = p.id"
					+ " AND c.member_id = ? AND c.status IN ('INVITED', 'CONFIRMED')))");
			params.add(user.id());
		}
		if (user.hasAnyRole("UNIT_HANDLER", "UNIT_LEADER") && user.unitId() != null) {
			any.add("EXISTS (SELECT 1 FROM proposal_unit u WHERE u.proposal_id = p.id AND u.unit_id = ?"
					+ " AND u.active = 1)");
			params.add(user.unitId());
		}
		if (user.hasScope("proposals:read")) {
			any.add("p.filed_at IS NOT NULL");
		}
		where.append(any.isEmpty() ? " AND 1 = 0" : " AND (" + String.join(" OR ", any) + ")");
	}

}
