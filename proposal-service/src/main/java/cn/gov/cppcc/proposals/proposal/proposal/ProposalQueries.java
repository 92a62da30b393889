package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
		List<Object> pageParams;
		String order;
		long total;
		if (filter.q() != null && !filter.q().isBlank()) {
			// the best matches (SearchIndex.MAX_HITS) in relevance order: which of them
			// the
			// caller may see and the filters keep is one indexed query on the ids; the
			// order and the page are taken here, and only the page's rows are read (an
			// ORDER BY FIELD over thousands of ids made a common word time out at ten
			// years of data)
			List<Long> hits = this.search.search(filter.q(), false);
			if (hits.isEmpty()) {
				return new Result(List.of(), 0);
			}
			List<Object> hitParams = new ArrayList<>(params);
			hitParams.addAll(hits);
			Set<Long> kept = new HashSet<>(this.jdbc
				.sql("SELECT p.id FROM proposal p" + where + " AND p.id IN (" + "?, ".repeat(hits.size() - 1) + "?)")
				.params(hitParams)
				.query(Long.class)
				.list());
			List<Long> ranked = hits.stream().filter(kept::contains).toList();
			total = ranked.size();
			int from = Math.min((filter.page() - 1) * filter.size(), ranked.size());
			List<Long> pageIds = ranked.subList(from, Math.min(from + filter.size(), ranked.size()));
			if (pageIds.isEmpty()) {
				return new Result(List.of(), total);
			}
			where = new StringBuilder(" WHERE p.id IN (" + "?, ".repeat(pageIds.size() - 1) + "?)");
			pageParams = new ArrayList<>(pageIds);
			pageParams.add(pageIds.size());
			pageParams.add(0);
			order = "";
			List<ProposalSummary> page = items(where, order, pageParams, today);
			Map<String, Integer> rank = new HashMap<>();
			for (int i = 0; i < pageIds.size(); i++) {
				rank.put(String.valueOf(pageIds.get(i)), i);
			}
			return new Result(page.stream()
				.sorted(Comparator.comparingInt((ProposalSummary item) -> rank.get(item.id())))
				.toList(), total);
		}
		total = this.jdbc.sql("SELECT COUNT(*) FROM proposal p" + where).params(params).query(Long.class).single();
		pageParams = new ArrayList<>(params);
		pageParams.add(filter.size());
		pageParams.add((filter.page() - 1) * filter.size());
		// newest first
		order = " ORDER BY p.id DESC";
		return new Result(items(where, order, pageParams, today), total);
	}

	private List<ProposalSummary> items(StringBuilder where, String order, List<Object> pageParams, LocalDate today) {
		return this.jdbc
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
