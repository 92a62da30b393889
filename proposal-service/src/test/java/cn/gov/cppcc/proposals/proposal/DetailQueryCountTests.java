package cn.gov.cppcc.proposals.proposal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many statements a proposal's detail read sends to the database (counted by
 * Connector/J, {@link StatementCounter}): the proposal row, one statement for its
 * co-signers and handling units, and one for everything shown beside it (objections,
 * extensions, communications, co-opinions, replies, feedback, merged proposals,
 * follow-ups, and a key proposal's supervision and progress reports); a proposal that was
 * never filed has none of those, so its read stops after the first two.
 */
class DetailQueryCountTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	private static final String P = "/api/v1/proposals/";

	private static Map<String, Object> reply() {
		return Map.of("resultClass", "B", "body", "答复正文", "sections",
				List.of(Map.of("suggestionIndex", 1, "text", "一"), Map.of("suggestionIndex", 2, "text", "二")), "signer",
				"张厅长", "contactName", "李处长", "contactPhone", "13812345678");
	}

	/**
	 * The statements the request threads sent while the GET ran (after a warm-up GET).
	 */
	private List<String> statements(String path, String token) {
		assertThat(get(path, token).status()).isEqualTo(200);
		try {
			// a previous write's request thread may still be finishing (its audit row)
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		StatementCounter.start();
		Resp resp;
		List<String> seen;
		try {
			resp = get(path, token);
		}
		finally {
			seen = StatementCounter.stop();
		}
		assertThat(resp.status()).as(resp.body().toString()).isEqualTo(200);
		return seen;
	}

	/**
	 * Connector/J keeps each connection's prepared statements parsed (common's
	 * platform-defaults): the driver got the setting, with room for the detail's longest
	 * statement.
	 */
	@Test
	void theDriverKeepsPreparedStatementsParsed() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			PropertySet settings = connection.unwrap(JdbcConnection.class).getPropertySet();
			assertThat(settings.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()).isTrue();
			assertThat(settings.getIntegerProperty(PropertyKey.prepStmtCacheSqlLimit).getValue()).isGreaterThan(2048);
			assertThat(settings.getIntegerProperty(PropertyKey.prepStmtCacheSize).getValue()).isGreaterThan(100);
		}
	}

	/**
	 * Binding a null asks the driver for the parameter's type (Spring's
	 * StatementCreatorUtils.setNull); without server-side prepared statements the driver
	 * threw an SQLException for each one.
	 */
	@Test
	void theDriverAnswersAParametersTypeWithoutAnException() throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT ? FROM DUAL")) {
			assertThat(statement.getParameterMetaData().getParameterType(1)).isEqualTo(Types.VARCHAR);
		}
	}

	@Test
	void aDraftIsReadWithTwoStatements() {
		Resp created = post("/api/v1/proposals", member1(),
				draft("关于语句计数草稿的提案", List.of("建议一"), List.of("1002", "1003")));
		assertThat(created.status()).isEqualTo(201);
		String id = created.body().path("id").asString();
		List<String> seen = statements(P + id, member1());
		assertThat(seen).as(String.join("\n", seen)).hasSize(2);
		// the history checks visibility with the same two, then reads its rows
		List<String> history = statements(P + id + "/history", member1());
		assertThat(history).as(String.join("\n", history)).hasSize(3);
	}

	@Test
	void aRepliedProposalIsReadWithThreeStatements() {
		String id = assigned("关于语句计数已答复的提案");
		assertThat(put(P + id + "/reply", handlerGxt(), reply()).status()).isEqualTo(200);
		Resp sent = post(P + id + "/reply/submit", leaderGxt(), null);
		assertThat(sent.body().path("status").asString()).as(sent.body().toString()).isEqualTo("REPLIED");
		for (String token : List.of(committee(), member1(), handlerGxt(), handlerZwb())) {
			List<String> seen = statements(P + id, token);
			assertThat(seen).as(String.join("\n", seen)).hasSize(3);
		}
		// an assigned proposal before any reply: the same three
		String assigned = assigned("关于语句计数已交办的提案");
		List<String> seen = statements(P + assigned, handlerGxt());
		assertThat(seen).as(String.join("\n", seen)).hasSize(3);
	}

	@Test
	void aKeyProposalIsReadWithThreeStatements() {
		String id = assigned("关于语句计数重点提案的提案");
		assertThat(post(P + id + "/key-proposal", committee(),
				Map.of("supervisor", "省政协副主席王某", "leadingLeader", "副省长李某", "reason", "事关全局"))
			.status()).isEqualTo(200);
		assertThat(post(P + id + "/supervisions", committee(), Map.of("kind", "INSPECTION", "at",
				"2026-11-20T10:00:00+08:00", "participants", "王副主席", "summary", "实地督办"))
			.status()).isEqualTo(201);
		assertThat(post(P + id + "/progress-reports", handlerGxt(), Map.of("summary", "已完成方案论证")).status())
			.isEqualTo(201);
		List<String> seen = statements(P + id, committee());
		assertThat(seen).as(String.join("\n", seen)).hasSize(3);
	}

	@Test
	void aMergedProposalIsReadWithThreeStatements() {
		String target = assigned("关于语句计数并案目标的提案");
		String merged = filed("关于语句计数被并案的提案");
		assertThat(post(P + merged + "/merge", committee(), Map.of("intoId", target)).status()).isEqualTo(200);
		List<String> seen = statements(P + merged, member1());
		assertThat(seen).as(String.join("\n", seen)).hasSize(3);
		seen = statements(P + target, committee());
		assertThat(seen).as(String.join("\n", seen)).hasSize(3);
	}

}
