package cn.gov.cppcc.proposals.proposal;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.proposal.outbox.Outbox;
import cn.gov.cppcc.proposals.proposal.outbox.OutboxRelay;
import cn.gov.cppcc.proposals.proposal.refresh.InstanceRefresher;
import cn.gov.cppcc.proposals.proposal.search.SearchIndex;
import cn.gov.cppcc.proposals.proposal.suggestion.AssignmentSuggestions;
import cn.gov.cppcc.proposals.proposal.support.Db;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-instance correctness without a second context: a change written "by another
 * instance" (straight to the database and the outbox, bypassing this instance's
 * after-commit updates) is invisible to this instance's search and suggestion engine
 * until the refresher runs, and visible after one run.
 */
class InstanceRefresherTests extends IntegrationTestSupport {

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxRelay relay;

	@Autowired
	InstanceRefresher refresher;

	@Autowired
	SearchIndex search;

	@Autowired
	AssignmentSuggestions suggestions;

	@Test
	void aChangeWrittenElsewhereIsFoundAfterOneRefresh() {
		String title = "关于加强太湖蓝藻水华监测预警的提案";
		String content = "太湖蓝藻水华监测预警体系仍不完善，建议加密监测站点，建立蓝藻水华预警平台。";
		long id = this.tx.execute((status) -> {
			Instant now = Instant.now();
			KeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("""
					INSERT INTO proposal (title, content, category, suggestions, author_id, status, number, mode,
					    created_at, updated_at, submitted_at, filed_at, assigned_at, version)
					VALUES (?, ?, '生态环境', '["加密监测站点"]', '1001', 'ASSIGNED', '另一实例第9001号', 'LEAD', ?, ?, ?, ?, ?, 3)""")
				.params(title, content, Db.ts(now), Db.ts(now), Db.ts(now), Db.ts(now), Db.ts(now))
				.update(keys, "id");
			long newId = keys.getKey().longValue();
			this.jdbc.sql("""
					INSERT INTO proposal_unit (proposal_id, unit_id, role, unit_name, active, assigned_at)
					VALUES (?, '14', 'LEAD', '省生态环境厅', 1, ?)""").params(newId, Db.ts(now)).update();
			this.outbox.append("proposal.assigned", newId, 3, "2001",
					Map.of("id", String.valueOf(newId), "status", "ASSIGNED"), Map.of("leadUnitId", "14"), now);
			return newId;
		});
		this.relay.relay();
		assertThat(this.search.search("蓝藻水华监测预警", false)).as("not indexed by this instance yet").doesNotContain(id);
		assertThat(this.suggestions.similar(-1, title, content, 10)).noneMatch((s) -> s.id() == id);

		assertThat(this.refresher.refresh()).isPositive();

		assertThat(this.search.search("蓝藻水华监测预警", false)).containsOnlyOnce(id);
		assertThat(this.suggestions.similar(-1, title, content, 10)).anyMatch((s) -> s.id() == id);
		assertThat(this.suggestions.suggest(title, content, 5))
			.anyMatch((u) -> u.unitId().equals("14") && u.reasons().toString().contains("另一实例第9001号"));

		// idempotent: nothing new to read; indexing and learning the same proposal again
		// changes nothing
		long applied = this.refresher.appliedPosition();
		assertThat(this.refresher.refresh()).isZero();
		this.search.index(id);
		this.suggestions.sync(id);
		assertThat(this.search.search("蓝藻水华监测预警", false)).containsOnlyOnce(id);
		assertThat(this.suggestions.similar(-1, title, content, 10)).filteredOn((s) -> s.id() == id).hasSize(1);
		assertThat(this.refresher.appliedPosition()).isEqualTo(applied);
	}

}
