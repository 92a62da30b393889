package cn.gov.cppcc.proposals.statistics.fact;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.statistics.KeyProposalsAndFollowUpsTest;
import cn.gov.cppcc.proposals.statistics.ScriptedSessionTest;
import cn.gov.cppcc.proposals.statistics.StatisticsTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate migrations on an installation that already holds facts (they had only
 * ever run on an empty database): a database at V2 with the fact rows of both scripted
 * sessions, migrated to the latest version, holds the aggregates that the rebuild's sum
 * over the same facts writes ({@link Aggregates#ofAll}) — and, but for the follow-ups
 * that V2's facts cannot hold, the ones a rebuild from the feed writes. Its stored
 * projection version says the history must be re-projected.
 */
class AggregatesMigrationTest extends StatisticsTestBase {

	private static final String UPGRADED = "statistics_migration_upgraded";

	private static final String CURRENT = "statistics_migration_current";

	private static final List<String> AGGREGATES = List.of(
			"agg_session_category ORDER BY session_key, category, term, session_no",
			"agg_session_unit ORDER BY session_key, unit_id", "agg_days ORDER BY session_key, unit_id, days",
			"agg_month ORDER BY session_key, month");

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.datasource.username:root}")
	String username;

	@Value("${spring.datasource.password:}")
	String password;

	@AfterEach
	void dropTheDatabases() {
		JdbcTemplate server = new JdbcTemplate(database(null));
		server.execute("DROP DATABASE IF EXISTS " + UPGRADED);
		server.execute("DROP DATABASE IF EXISTS " + CURRENT);
	}

	@Test
	void migratingADatabaseWithFactsFillsTheAggregatesAsTheRebuildDoes() {
		JdbcTemplate server = new JdbcTemplate(database(null));
		server.execute("DROP DATABASE IF EXISTS " + UPGRADED);
		server.execute("DROP DATABASE IF EXISTS " + CURRENT);
		server.execute("CREATE DATABASE " + UPGRADED + " CHARACTER SET utf8mb4");
		server.execute("CREATE DATABASE " + CURRENT + " CHARACTER SET utf8mb4");

		// the facts: both scripted sessions projected by the real projector and written
		// by the rebuild's write step into a database at the latest version
		List<EventEnvelope> events = new ArrayList<>(ScriptedSessionTest.script());
		long offset = events.size();
		for (EventEnvelope e : KeyProposalsAndFollowUpsTest.script()) {
			events.add(new EventEnvelope(e.id(), e.position() + offset, e.type(), e.occurredAt(), e.aggregateType(),
					e.aggregateId(), e.aggregateVersion(), e.actor(), e.payload()));
		}
		Projector projector = new Projector(ZoneId.of("Asia/Shanghai"));
		Map<String, ProposalState> states = new LinkedHashMap<>();
		events.forEach((e) -> projector.apply(states.computeIfAbsent(e.aggregateId(), ProposalState::create), e));
		DataSource currentDb = database(CURRENT);
		flyway(currentDb, null).migrate();
		JdbcTemplate current = new JdbcTemplate(currentDb);
		new FactStore(current).insertAll(states.values());

		// an installation of before V3: the same facts in the columns V2 had, the cursor
		// at the end of the feed
		DataSource upgradedDb = database(UPGRADED);
		flyway(upgradedDb, "2").migrate();
		JdbcTemplate upgraded = new JdbcTemplate(upgradedDb);
		for (String table : List.of("proposal_fact", "unit_assignment")) {
			String columns = String
				.join(", ",
						upgraded.queryForList(
								"SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
										+ "AND table_name = ? ORDER BY ordinal_position",
								String.class, UPGRADED, table));
			upgraded.update(
					"INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + CURRENT + "." + table);
		}
		upgraded.update("UPDATE feed_cursor SET position = ?", events.size());
		assertThat(upgraded.queryForObject("SELECT COUNT(*) FROM proposal_fact", Long.class)).isEqualTo(states.size());

		flyway(upgradedDb, null).migrate();
		List<List<Map<String, Object>>> migrated = aggregates(upgraded);
		assertThat(migrated.get(0)).as("agg_session_category").isNotEmpty();
		assertThat(upgraded.queryForObject("SELECT SUM(key_assigned) FROM agg_session_category", Long.class))
			.as("key proposals filled from the facts")
			.isPositive();
		assertThat(upgraded.queryForObject("SELECT SUM(key_assigned) FROM agg_session_unit", Long.class)).isPositive();

		// what the rebuild writes from these facts
		FactStore store = new FactStore(upgraded);
		List<ProposalState> loaded = upgraded.queryForList("SELECT proposal_id FROM proposal_fact", String.class)
			.stream()
			.map(store::load)
			.toList();
		Aggregates.clear(upgraded);
		Aggregates.ofAll(loaded).writeTo(upgraded, 1000);
		assertThat(aggregates(upgraded)).isEqualTo(migrated);

		// and what a rebuild from the feed wrote, but for the follow-ups (V2's facts have
		// none until the re-projection brings them)
		String followUps = "fu_owed = 0, fu_answered = 0, fu_on_time = 0, fu_a = 0, fu_b = 0, fu_c = 0, fu_d = 0";
		assertThat(current.queryForObject("SELECT SUM(fu_owed) FROM agg_session_category", Long.class)).isPositive();
		current.update("UPDATE agg_session_category SET " + followUps);
		current.update("UPDATE agg_session_unit SET " + followUps);
		assertThat(aggregates(current)).isEqualTo(migrated);

		// the stored read model is version 1's: the service re-projects it at start-up
		assertThat(upgraded.queryForObject("SELECT projection_version FROM feed_cursor", Integer.class)).isEqualTo(1)
			.isLessThan(Projector.VERSION);
	}

	private static Flyway flyway(DataSource dataSource, String target) {
		var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

	private static List<List<Map<String, Object>>> aggregates(JdbcTemplate jdbc) {
		List<List<Map<String, Object>>> tables = new ArrayList<>();
		AGGREGATES.forEach((t) -> tables.add(jdbc.queryForList("SELECT * FROM " + t)));
		return tables;
	}

	/** The test server's database of that name (none: the server). */
	private DataSource database(String name) {
		String other = this.url.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + ((name != null) ? name : ""));
		return new DriverManagerDataSource(other, this.username, this.password);
	}

}
