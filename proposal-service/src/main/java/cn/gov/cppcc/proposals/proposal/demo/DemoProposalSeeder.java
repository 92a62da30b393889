package cn.gov.cppcc.proposals.proposal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.proposal.outbox.Outbox;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRepository;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalSnapshot;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * The first demo record (DOMAIN.md): proposal No. 0768 of the 1st session of the 12th
 * committee, "关于加快智慧江苏建设的提案" by member1, filed, assigned to 省工业和信息化厅 (lead) with
 * 省政务服务管理办公室 and 省大数据管理中心, and its real reply of 2018-06-14
 * ({@code demo/reply-0768.txt}), sent and published in full. Embedded mode only, and only
 * once.
 */
@Component
@Profile("!nacos")
@ConditionalOnProperty(name = "platform.deployment", havingValue = "false", matchIfMissing = true)
class DemoProposalSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoProposalSeeder.class);

	static final String NUMBER = "十二届一次会议第0768号";

	private static final Pattern SECTION = Pattern.compile("^\\(([一二三四五六七八九十]+)\\)针对您提出的关于“([^”]+)”");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate tx;

	private final Outbox outbox;

	private final ProposalRepository proposals;

	DemoProposalSeeder(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx, Outbox outbox,
			ProposalRepository proposals) {
		this.jdbc = jdbc;
		this.json = json;
		this.tx = tx;
		this.outbox = outbox;
		this.proposals = proposals;
	}

	/**
	 * The reply split into its parts.
	 *
	 * @param body header and part one (what has been achieved)
	 * @param suggestions the four suggestions quoted in part two
	 * @param sections the answer to each suggestion
	 */
	record Reply(String body, List<String> suggestions, List<String> sections) {
	}

	static Reply read() throws IOException {
		String text;
		try (InputStream in = new ClassPathResource("demo/reply-0768.txt").getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		StringBuilder body = new StringBuilder();
		List<String> suggestions = new ArrayList<>();
		List<String> sections = new ArrayList<>();
		for (String line : text.split("\n")) {
			Matcher m = SECTION.matcher(line);
			if (m.find()) {
				suggestions.add(m.group(2));
				sections.add(line);
			}
			else if (!line.startsWith("2018年6月14日") && !line.isBlank()) {
				body.append(line).append('\n');
			}
		}
		return new Reply(body.toString().trim(), suggestions, sections);
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Reply reply = read();
		this.tx.executeWithoutResult((status) -> {
			boolean exists = this.jdbc.sql("SELECT COUNT(*) FROM proposal WHERE session_id = '12-1' AND serial = 768")
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				seed(reply);
			}
		});
	}

	private void seed(Reply reply) {
		Instant submitted = at(2018, 1, 28);
		Instant filed = at(2018, 2, 28);
		Instant assigned = at(2018, 3, 14);
		Instant sent = at(2018, 6, 14);
		Instant published = at(2018, 12, 28);
		StringBuilder content = new StringBuilder("建设智慧江苏是推进网络强省、数据强省和数字经济发展的重要举措。为加快智慧江苏建设，建议：\n");
		for (int i = 0; i < reply.suggestions().size(); i++) {
			content.append(i + 1).append('.').append(reply.suggestions().get(i)).append("。\n");
		}
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO proposal (title, content, category, suggestions, author_id, status, session_id, serial, number,
					mode, handling_round, objection_deadline, co_opinion_deadline, reply_deadline, hard_deadline,
					publication_level, published_at, created_at, updated_at, submitted_at, filed_at, assigned_at, replied_at,
					version) VALUES (?, ?, ?, ?, '1001', 'REPLIED', '12-1', 768, ?, 'LEAD', 1, ?, ?, ?, ?, 'FULL', ?, ?, ?, ?,
					?, ?, ?, 5)""")
			.params("关于加快智慧江苏建设的提案", content.toString().trim(), "经济建设",
					this.json.writeValueAsString(reply.suggestions()), NUMBER, LocalDate.of(2018, 3, 24),
					LocalDate.of(2018, 4, 14), LocalDate.of(2018, 6, 14), LocalDate.of(2018, 9, 14), Db.ts(published),
					Db.ts(submitted), Db.ts(published), Db.ts(submitted), Db.ts(filed), Db.ts(assigned), Db.ts(sent))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		this.jdbc.sql("UPDATE term_session SET next_serial = GREATEST(next_serial, 769) WHERE id = '12-1'").update();
		String[][] units = { { "2", "LEAD", "省工业和信息化厅" }, { "3", "CO", "省政务服务管理办公室" }, { "4", "CO", "省大数据管理中心" } };
		for (String[] unit : units) {
			this.jdbc.sql("""
					INSERT INTO proposal_unit (proposal_id, unit_id, role, unit_name, active, assigned_at)
					VALUES (?, ?, ?, ?, 1, ?)""").params(id, unit[0], unit[1], unit[2], Db.ts(assigned)).update();
		}
		List<Map<String, Object>> sections = new ArrayList<>();
		for (int i = 0; i < reply.sections().size(); i++) {
			Map<String, Object> section = new LinkedHashMap<>();
			section.put("suggestionIndex", i + 1);
			section.put("text", reply.sections().get(i));
			sections.add(section);
		}
		// result class B: part two reports measures under way and planned ("预计今年底前完成",
		// "抓紧制定")
		KeyHolder replyKey = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO reply (proposal_id, unit_id, handling_round, status, result_class, body, sections, signer,
				contact_name, contact_phone, drafted_by, updated_at, signed_by, sent_at, reply_date, on_time)
				VALUES (?, '2', 1, 'SENT', 'B', ?, ?, '省工业和信息化厅', '省工业和信息化厅信息化推进处', '025-00000000',
				'3001', ?, '3002', ?, ?, 1)""")
			.params(id, reply.body(), this.json.writeValueAsString(sections), Db.ts(sent), Db.ts(sent),
					LocalDate.of(2018, 6, 14))
			.update(replyKey, "id");
		long replyId = replyKey.getKey().longValue();
		Map<String, Object> snapshot = ProposalSnapshot.of(this.proposals.find(id).orElseThrow());
		record Step(String action, String from, String to, String actor, Instant at, String type,
				Map<String, Object> fields) {
		}
		List<Step> steps = List.of(new Step("draft", null, "DRAFT", "1001", submitted, "proposal.drafted", Map.of()),
				new Step("submit", "DRAFT", "SUBMITTED", "1001", submitted, "proposal.submitted",
						Map.of("invitedCoSignerIds", List.of())),
				new Step("file", "SUBMITTED", "FILED", "2001", filed, "proposal.filed",
						Map.of("number", NUMBER, "serial", 768)),
				new Step("assign", "FILED", "ASSIGNED", "2001", assigned, "proposal.assigned",
						Map.of("mode", "LEAD", "leadUnitId", "2", "coUnitIds", List.of("3", "4"), "separateUnitIds",
								List.of(), "replyDeadline", "2018-06-14", "objectionDeadline", "2018-03-24",
								"coOpinionDeadline", "2018-04-14")),
				new Step("reply-submit", "ASSIGNED", "REPLIED", "3002", sent, "proposal.reply-submitted",
						Map.of("replyId", String.valueOf(replyId), "unitId", "2", "resultClass", "B", "round", 1,
								"onTime", true, "allUnitsReplied", true)),
				new Step("publish", "REPLIED", "REPLIED", "2001", published, "proposal.published",
						Map.of("level", "FULL")));
		long version = 0;
		for (Step step : steps) {
			this.jdbc.sql("""
					INSERT INTO proposal_history (proposal_id, occurred_at, actor, action, from_status, to_status, note)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(id, Db.ts(step.at()), step.actor(), step.action(), step.from(), step.to(), "演示数据 demo record")
				.update();
			Map<String, Object> stepSnapshot = new LinkedHashMap<>(snapshot);
			stepSnapshot.put("status", step.to());
			this.outbox.append(step.type(), id, version++, step.actor(), stepSnapshot, step.fields(), step.at());
		}
		log.info("Seeded demo proposal {} (id {})", NUMBER, id);
	}

	private static Instant at(int year, int month, int day) {
		return LocalDateTime.of(year, month, day, 10, 0).atZone(Db.ZONE).toInstant();
	}

}
