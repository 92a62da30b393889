package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
			// filtered, scoped, ranked, counted and paged inside the index; the database
			// reads the page's rows only (at ten years of data a word matching nearly
			// every proposal carried thousands of ids into SQL). The page's rows are read
			// under the same scope and filters, so an index a moment behind the database
			// can shorten a page but never show a proposal outside the caller's scope.
			SearchIndex.Hits hits = this.search.search(
					new SearchIndex.Criteria(filter.q(), searchScope(user), filter.session(),
							(filter.status() != null) ? filter.status().name() : null, filter.category(),
							filter.unitId(), filter.keyProposal(), filter.overdue(), today),
					filter.page(), filter.size());
			if (hits.ids().isEmpty()) {
				return new Result(List.of(), hits.total());
			}
			List<Long> pageIds = hits.ids();
			where.append(" AND p.id IN (" + "?, ".repeat(pageIds.size() - 1) + "?)");
			pageParams = new ArrayList<>(params);
			pageParams.addAll(pageIds);
			pageParams.add(pageIds.size());
			pageParams.add(0);
			List<ProposalSummary> page = items(where, "", pageParams, today);
			Map<String, Integer> rank = new HashMap<>();
			for (int i = 0; i < pageIds.size(); i++) {
				rank.put(String.valueOf(pageIds.get(i)), i);
			}
			return new Result(page.stream()
				.sorted(Comparator.comparingInt((ProposalSummary item) -> rank.get(item.id())))
				.toList(), hits.total());
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

	/** The same scope as {@link #scope}, for the search index. */
	private static SearchIndex.Scope searchScope(CurrentUser user) {
		boolean unitStaff = user.hasAnyRole("UNIT_HANDLER", "UNIT_LEADER") && user.unitId() != null;
		return new SearchIndex.Scope(user.id(), user.hasAnyRole("COMMITTEE", "ADMIN"), user.hasRole("MEMBER"),
				unitStaff ? user.unitId() : null, user.hasScope("proposals:read"));
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
			// forwarded to the unit as an opinion, with the author's consent
			any.add("(p.forwarding_status = 'FORWARDED' AND p.forward_to_unit_id = ?)");
			params.add(user.unitId());
		}
		if (user.hasScope("proposals:read")) {
			any.add("p.filed_at IS NOT NULL");
		}
		where.append(any.isEmpty() ? " AND 1 = 0" : " AND (" + String.join(" OR ", any) + ")");
	}

}
