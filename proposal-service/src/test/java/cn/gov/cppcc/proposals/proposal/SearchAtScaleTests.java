package cn.gov.cppcc.proposals.proposal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import cn.gov.cppcc.proposals.proposal.search.SearchIndex;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text search whose word matches more proposals than one page of the index ever held
 * (1,500 here; the list once answered from the index's 1,000 best matches and carried
 * them into SQL): the exact total, the right page in relevance order (equal scores:
 * newest first) and exactly the caller's scope and filters, checked three ways: against
 * the rule written out below, and against the list without a text query (SQL), which must
 * agree item for item. The rows are written straight into the real database, the way
 * bench/load-decade.sh loads ten years, and the index is rebuilt from it as at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchAtScaleTests extends IntegrationTestSupport {

	private static final int COUNT = 1_500;

	/**
	 * A session of their own, so that the list without a text query finds exactly them.
	 */
	private static final String SESSION = "99-1";

	/** Every row has the same text: equal scores, so relevance order is newest first. */
	private static final String TITLE = "关于保护鸬鹚栖息地的提案";

	private static final String Q = "鸬鹚";

	@Autowired
	SearchIndex search;

	/** Ids of the rows, in the order written (ascending). */
	private final List<Long> ids = new ArrayList<>();

	private static String status(int i) {
		return switch (i % 10) {
			case 0 -> "DRAFT";
			case 1 -> "SUBMITTED";
			case 2, 3 -> "FILED";
			case 4, 5, 6 -> "ASSIGNED";
			default -> "CLOSED";
		};
	}

	private static boolean draft(int i) {
		return i % 10 == 0;
	}

	private static boolean filed(int i) {
		return i % 10 >= 2;
	}

	private static String author(int i) {
		return (i % 3 == 0) ? "1003" : "1001";
	}

	/** member2 invited (i % 5 == 0) or declined (i % 5 == 1, which does not count). */
	private static boolean invited(int i) {
		return i % 5 == 0;
	}

	/** Unit 4 (大数据管理中心) leads every other handled row; unit 3 only once, replaced. */
	private static boolean unit4(int i) {
		return filed(i) && i % 2 == 0;
	}

	private static boolean overdue(int i) {
		return "ASSIGNED".equals(status(i)) && i % 4 == 0;
	}

	@BeforeAll
	void writeRows() {
		for (int i = 0; i < COUNT; i++) {
			String status = status(i);
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			this.jdbc.sql("""
					INSERT INTO proposal (title, content, category, suggestions, author_id, status, key_proposal,
					session_id, filed_at, reply_deadline, created_at, updated_at)
					VALUES (?, ?, ?, '["建议"]', ?, ?, ?, ?, ?, ?, NOW(3), NOW(3))""")
				.params(TITLE, TITLE + "：现状、问题与建议。", (i % 2 == 0) ? "社会建设" : "经济建设", author(i), status, i % 7 == 0,
						SESSION, filed(i) ? java.sql.Timestamp.valueOf("2025-03-01 00:00:00") : null,
						"ASSIGNED".equals(status) ? (overdue(i) ? "2020-01-01" : "2099-01-01") : null)
				.update(key, "id");
			long id = key.getKey().longValue();
			this.ids.add(id);
			if (i % 5 <= 1) {
				this.jdbc.sql("INSERT INTO proposal_co_signer (proposal_id, member_id, status) VALUES (?, '1002', ?)")
					.params(id, invited(i) ? "INVITED" : "DECLINED")
					.update();
			}
			if (filed(i)) {
				boolean four = unit4(i);
				this.jdbc.sql("""
						INSERT INTO proposal_unit (proposal_id, unit_id, role, unit_name, active, assigned_at)
						VALUES (?, ?, 'LEAD', '单位', 1, NOW(3)), (?, '3', 'CO', '省政务服务管理办公室', 0, NOW(3))""")
					.params(id, four ? "4" : "2", id)
					.update();
			}
		}
		this.search.rebuild();
	}

	@AfterAll
	void removeRows() {
		this.jdbc.sql("DELETE FROM proposal_unit WHERE proposal_id IN (SELECT id FROM proposal WHERE session_id = ?)")
			.param(SESSION)
			.update();
		this.jdbc
			.sql("DELETE FROM proposal_co_signer WHERE proposal_id IN (SELECT id FROM proposal WHERE session_id = ?)")
			.param(SESSION)
			.update();
		this.jdbc.sql("DELETE FROM proposal WHERE session_id = ?").param(SESSION).update();
		this.search.index(this.ids);
		assertThat(get("/api/v1/proposals?q=" + Q, committee()).body().path("total").asLong()).isZero();
	}

	@Test
	void aWordMatchingThousandsAnswersTheExactTotalAndTheRightPagesInEveryScope() {
		check(committee(), "", (i) -> !draft(i));
		check(member1(), "", (i) -> author(i).equals("1001"));
		check(member2(), "", (i) -> invited(i) && !draft(i));
		check(member3(), "", (i) -> author(i).equals("1003"));
		check(handlerDsj(), "", SearchAtScaleTests::unit4);
		// unit 3 was replaced on every row: it sees none of them
		check(handlerZwb(), "", (i) -> false);
		check(client("demo-12345", "proposals:read"), "", SearchAtScaleTests::filed);
		// a client without proposals:read may not list at all
		assertThat(get("/api/v1/proposals?q=" + Q, client("demo-12345", "events:read")).status()).isEqualTo(403);
	}

	@Test
	void filtersApplyInsideTheIndex() {
		check(committee(), "&status=ASSIGNED", (i) -> "ASSIGNED".equals(status(i)));
		check(committee(), "&category=" + enc("社会建设"), (i) -> !draft(i) && i % 2 == 0);
		check(committee(), "&unitId=4", SearchAtScaleTests::unit4);
		check(committee(), "&unitId=3", (i) -> false);
		check(committee(), "&keyProposal=true", (i) -> !draft(i) && i % 7 == 0);
		check(committee(), "&overdue=true", SearchAtScaleTests::overdue);
		check(committee(), "&overdue=false", (i) -> !draft(i) && !overdue(i));
		check(member3(), "&status=DRAFT", (i) -> draft(i) && author(i).equals("1003"));
		check(handlerDsj(), "&overdue=true&category=" + enc("社会建设"), (i) -> unit4(i) && overdue(i) && i % 2 == 0);
		check(committee(), "&session=12-1", (i) -> false);
	}

	/**
	 * The search for {@link #Q} with the filters, and the list of the session with the
	 * same filters, both agree with the rule: total, first page, a middle page, the last
	 * page and one past it.
	 */
	private void check(String token, String filters, IntPredicate visible) {
		List<String> expected = IntStream.range(0, COUNT)
			.filter(visible)
			.mapToObj((i) -> String.valueOf(this.ids.get(i)))
			.sorted(Comparator.comparingLong((String id) -> Long.parseLong(id)).reversed())
			.toList();
		int size = 20;
		int pages = Math.max(1, (expected.size() + size - 1) / size);
		for (int page : new int[] { 1, 2, (pages + 1) / 2, pages, pages + 1 }) {
			List<String> want = expected.subList(Math.min((page - 1) * size, expected.size()),
					Math.min(page * size, expected.size()));
			String paging = "&size=" + size + "&page=" + page;
			Resp searched = get("/api/v1/proposals?q=" + Q + filters + paging, token);
			assertThat(searched.status()).isEqualTo(200);
			assertThat(searched.body().path("total").asLong()).as("search total %s", filters)
				.isEqualTo(expected.size());
			assertThat(ids(searched)).as("search page %d %s", page, filters).isEqualTo(want);
			if (!filters.contains("session=")) {
				Resp listed = get("/api/v1/proposals?session=" + SESSION + filters + paging, token);
				assertThat(listed.body().path("total").asLong()).as("list total %s", filters)
					.isEqualTo(expected.size());
				assertThat(ids(listed)).as("list page %d %s", page, filters).isEqualTo(want);
			}
		}
	}

	private static List<String> ids(Resp resp) {
		List<String> ids = new ArrayList<>();
		resp.body().path("items").forEach((item) -> ids.add(item.path("id").asString()));
		return ids;
	}

	private static String enc(String s) {
		return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
	}

}
