package cn.gov.cppcc.proposals.proposal.proposal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.Deadlines;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.HandlingUnit;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Benchmark data (bench/load-decade.sh): ten years of a province written straight into
 * proposal-service's database, with the events in its outbox, produced by proposal-service's
 * OWN aggregate ({@link Proposal}: the same transitions, checks, {@link Proposal.Change}s and
 * {@link ProposalSnapshot}s the running service writes) driven through a simulated clock.
 * What it does not run is the HTTP layer, the role checks and one transaction per step: the
 * rows are written in batches, history and outbox in chronological order, with a NULL feed
 * position so that the service's own relay numbers them. It lives in the aggregate's package
 * because the transitions are package-private; it is compiled against
 * proposal-service/target/classes by the script, never shipped.
 *
 * <pre>java -cp ... DecadeLoader jdbcUrl user password proposals unitsTsv seed</pre>
 */
public final class DecadeLoader {

	/** proposal-service's platform.proposals.follow-up-months default. */
	static final int FOLLOW_UP_MONTHS = 6;


	static final String[] VERBS = { "加快", "推进", "加强", "完善", "优化", "深化", "促进", "健全", "提升", "规范", "支持", "统筹" };

	static final String[][] TOPICS = { { "智慧城市建设", "经济建设" }, { "农村养老服务体系", "社会建设" }, { "中小学生课后服务", "科教卫体" },
			{ "长江生态环境保护", "生态文明建设" }, { "制造业数字化转型", "经济建设" }, { "基层医疗卫生服务能力", "科教卫体" },
			{ "城镇老旧小区改造", "社会建设" }, { "新能源汽车充电设施建设", "经济建设" }, { "科技成果转化", "科教卫体" },
			{ "法治化营商环境", "政治建设" }, { "乡村振兴人才队伍建设", "农业农村" }, { "职业教育产教融合", "科教卫体" },
			{ "公共文化服务体系", "文化建设" }, { "食品安全监管", "社会建设" }, { "城乡居民医疗保障", "社会建设" },
			{ "太湖水环境综合治理", "生态文明建设" }, { "苏北地区交通基础设施", "经济建设" }, { "数字政府建设", "政治建设" },
			{ "普惠托育服务", "社会建设" }, { "非物质文化遗产保护传承", "文化建设" }, { "高标准农田建设", "农业农村" },
			{ "农产品冷链物流体系", "农业农村" }, { "中小微企业融资服务", "经济建设" }, { "居家社区养老服务", "社会建设" },
			{ "大运河文化带建设", "文化建设" }, { "沿海港口集疏运体系", "经济建设" }, { "高校毕业生就业创业", "社会建设" },
			{ "社区矫正工作", "政治建设" }, { "地方立法协商", "政治建设" }, { "生活垃圾分类处理", "生态文明建设" },
			{ "集成电路产业链", "经济建设" }, { "心理健康教育", "科教卫体" }, { "全民健身公共服务", "科教卫体" },
			{ "历史文化街区保护", "文化建设" }, { "农村人居环境整治", "农业农村" }, { "长三角一体化发展", "经济建设" },
			{ "网络安全和数据安全", "政治建设" }, { "危险化学品安全生产", "社会建设" }, { "电子政务外网", "政治建设" },
			{ "文旅融合发展", "文化建设" } };

	static final String[] ASKS = { "建议省政府出台专项政策，明确牵头部门和时间表。", "建议加大财政投入，设立专项资金并加强绩效评价。",
			"建议建立跨部门协调机制，打通数据共享壁垒。", "建议开展试点示范，及时总结推广基层经验。", "建议完善考核评价体系，把落实情况纳入年度考核。",
			"建议加强人才队伍建设，落实培训和激励措施。", "建议修订相关地方性法规，为改革提供法治保障。", "建议引导社会资本参与，形成多元投入格局。" };

	static final String[] SESSION_NAMES = { "", "一", "二", "三", "四", "五" };

	static final String[] TERM_NAMES = { "十一", "十二", "十三" };

	record Unit(String id, String name) {
	}

	record Session(String id, int term, int no, String name, int year) {
	}

	/** One step of one proposal at a time; steps run in time order across all proposals. */
	record Step(Instant at, long seq, Sim sim, String actor, Consumer<Sim> action) {
	}

	/** A proposal being simulated with its own side rows. */
	static final class Sim {

		final Proposal p;

		final Random rnd;

		final List<Object[]> replies = new ArrayList<>();

		final List<Object[]> feedback = new ArrayList<>();

		final List<String> proposers = new ArrayList<>();

		Sim(Proposal p, long seed) {
			this.p = p;
			this.rnd = new Random(seed);
		}

	}

	final Random rnd;

	final List<Unit> units;

	final JsonMapper json = JsonMapper.builder().build();

	final PriorityQueue<Step> queue = new PriorityQueue<>(
			Comparator.comparing(Step::at).thenComparingLong(Step::seq));

	long seq;

	long refused;

	long nextProposalId;

	long nextReplyId;

	long nextObjectionId;

	long nextExtensionId;

	final Map<String, Integer> nextSerial = new HashMap<>();

	// rows, in the order they are written
	final List<Object[]> history = new ArrayList<>();

	final List<Object[]> outbox = new ArrayList<>();

	final List<Object[]> replyRows = new ArrayList<>();

	final List<Object[]> feedbackRows = new ArrayList<>();

	final List<Object[]> communicationRows = new ArrayList<>();

	final List<Object[]> coOpinionRows = new ArrayList<>();

	final List<Object[]> objectionRows = new ArrayList<>();

	final List<Object[]> extensionRows = new ArrayList<>();

	final List<Sim> sims = new ArrayList<>();

	final Map<String, List<Sim>> filedBySession = new HashMap<>();

	DecadeLoader(List<Unit> units, long seed) {
		this.units = units;
		this.rnd = new Random(seed);
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int count = Integer.parseInt(args[3]);
		List<Unit> units = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(args[4]))) {
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			String[] f = line.split("\t");
			if (!f[0].equals("60")) {
				units.add(new Unit(f[0], f[2]));
			}
		}
		long seed = (args.length > 5) ? Long.parseLong(args[5]) : 2026L;
		long t0 = System.nanoTime();
		try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
			DecadeLoader loader = new DecadeLoader(units, seed);
			loader.prepare(c);
			loader.simulate(count);
			long t1 = System.nanoTime();
			System.out.printf("simulated %d proposals, %d events, %d history rows (%d planned steps refused) in %d ms%n",
					count, loader.outbox.size(), loader.history.size(), loader.refused, (t1 - t0) / 1_000_000);
			loader.write(c);
			System.out.printf("written in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
		}
	}

	// --- sessions and ids ----------------------------------------------------------

	static Session sessionOf(int year) {
		int term = (year <= 2017) ? 11 : (year <= 2022) ? 12 : 13;
		int no = (term == 11) ? year - 2012 : (term == 12) ? year - 2017 : year - 2022;
		return new Session(term + "-" + no, term, no, TERM_NAMES[term - 11] + "届" + SESSION_NAMES[no] + "次会议", year);
	}

	void prepare(Connection c) throws Exception {
		c.setAutoCommit(true);
		try (PreparedStatement ps = c.prepareStatement(
				"INSERT IGNORE INTO term_session (id, term, session_no, name, year, current, next_serial) VALUES (?, ?, ?, ?, ?, 0, 1)")) {
			for (int year = 2016; year <= 2025; year++) {
				Session s = sessionOf(year);
				ps.setString(1, s.id());
				ps.setInt(2, s.term());
				ps.setInt(3, s.no());
				ps.setString(4, s.name());
				ps.setInt(5, s.year());
				ps.addBatch();
			}
			ps.executeBatch();
		}
		try (Statement st = c.createStatement()) {
			try (ResultSet rs = st.executeQuery("SELECT id, next_serial FROM term_session")) {
				while (rs.next()) {
					this.nextSerial.put(rs.getString(1), rs.getInt(2));
				}
			}
			this.nextProposalId = max(st, "proposal") + 1;
			this.nextReplyId = max(st, "reply") + 1;
			this.nextObjectionId = max(st, "objection") + 1;
			this.nextExtensionId = max(st, "extension") + 1;
		}
	}

	static long max(Statement st, String table) throws Exception {
		try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	// --- the simulation ------------------------------------------------------------

	static Instant at(LocalDate day, int hour, int minute) {
		return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(Db.ZONE).toInstant();
	}

	static LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, Db.ZONE);
	}

	Instant workTime(LocalDate day, Random r) {
		LocalDate d = day;
		while (d.getDayOfWeek().getValue() > 5) {
			d = d.plusDays(1);
		}
		return at(d, 9 + r.nextInt(8), r.nextInt(60));
	}

	void schedule(Sim sim, Instant at, String actor, Consumer<Sim> action) {
		this.queue.add(new Step(at, this.seq++, sim, actor, action));
	}

	Unit unit(Random r) {
		return this.units.get(r.nextInt(this.units.size()));
	}

	void simulate(int count) {
		for (int i = 0; i < count; i++) {
			plan(i, count);
		}
		while (!this.queue.isEmpty()) {
			Step step = this.queue.poll();
			Proposal p = step.sim().p;
			this.current = step.at();
			try {
				step.action().accept(step.sim());
			}
			catch (ApiException ex) {
				// a planned step the aggregate refused (the plan is approximate): counted, never written
				if (this.refused++ < 5) {
					System.out.println("refused: proposal " + p.id + " " + p.status + " by " + step.actor() + ": "
							+ ex.getMessage() + " " + ex.getStackTrace()[0]);
				}
				p.clearChanges();
			}
			if (!p.changes().isEmpty()) {
				if (p.id == null) {
					throw new IllegalStateException("no id");
				}
				// what ProposalService.change + ProposalRepository.update + writeChanges do
				boolean created = p.changes().get(0).eventType().equals("proposal.drafted");
				if (!created) {
					p.version++;
				}
				p.updatedAt = step.at();
				Map<String, Object> snapshot = ProposalSnapshot.of(p);
				for (Proposal.Change change : p.changes()) {
					this.history.add(new Object[] { p.id, Db.ts(step.at()), step.actor(), change.action(),
							ProposalRepository.name(change.from()), change.to().name(),
							ProposalRepository.truncate(change.note(), 2000) });
					Map<String, Object> payload = new LinkedHashMap<>();
					payload.put("proposal", snapshot);
					payload.putAll(change.eventFields());
					this.outbox.add(new Object[] { UUID.randomUUID().toString(), change.eventType(), Db.ts(step.at()),
							String.valueOf(p.id), p.version, step.actor(), this.json.writeValueAsString(payload) });
				}
				p.clearChanges();
			}
		}
	}

	/** Plans the life of proposal i: each step scheduled at its time, run later in time order. */
	void plan(int i, int count) {
		int year = 2016 + (int) ((long) i * 10 / count);
		Session session = sessionOf(year);
		Random r = new Random(this.rnd.nextLong());
		String[] topic = TOPICS[r.nextInt(TOPICS.length)];
		String title = "关于" + VERBS[r.nextInt(VERBS.length)] + topic[0] + "的提案";
		List<String> suggestions = new ArrayList<>();
		int asks = 2 + r.nextInt(3);
		for (int k = 0; k < asks; k++) {
			suggestions.add("围绕" + topic[0] + "，" + ASKS[(k + r.nextInt(ASKS.length)) % ASKS.length]);
		}
		String content = topic[0] + "事关全省高质量发展和人民群众切身利益。近年来我省在" + topic[0]
				+ "方面取得积极进展，但仍存在统筹协调不够、投入保障不足、基层落实不到位等问题。为此提出如下建议。";
		String author = "m-" + (1 + r.nextInt(700));
		List<String> co = new ArrayList<>();
		int invited = (r.nextInt(10) < 6) ? 0 : 1 + r.nextInt(2);
		for (int k = 0; k < invited; k++) {
			String m = "m-" + (1 + r.nextInt(700));
			if (!m.equals(author) && !co.contains(m)) {
				co.add(m);
			}
		}
		// most proposals during the plenary session in January, the rest through the year (平时提案)
		LocalDate drafted = (r.nextInt(10) < 8) ? LocalDate.of(year, 1, 5 + r.nextInt(20))
				: LocalDate.of(year, 2 + r.nextInt(9), 1 + r.nextInt(28));
		Instant t = workTime(drafted, r);
		Proposal p = Proposal.draft(author, title, content, topic[1], suggestions, co, t);
		p.id = this.nextProposalId++;
		Sim sim = new Sim(p, r.nextLong());
		this.sims.add(sim);
		schedule(sim, t, author, (s) -> {
		});
		t = t.plusSeconds(600 + r.nextInt(7200));
		schedule(sim, t, author,
				(s) -> s.p.submit(now(s), day(now(s)).plusDays(7), session.id(), session.term(), session.no()));
		sim.proposers.add(author);
		for (String m : co) {
			Instant when = t.plusSeconds(3600 * (2 + r.nextInt(96)));
			boolean accept = r.nextInt(10) < 8;
			if (accept) {
				sim.proposers.add(m);
			}
			schedule(sim, when, m, (s) -> s.p.coSignature(m, accept, day(when)));
		}
		int fate = r.nextInt(100);
		Instant review = workTime(day(t).plusDays(8 + r.nextInt(20)), r);
		if (fate < 2) {
			schedule(sim, workTime(day(t).plusDays(1 + r.nextInt(5)), r), author, (s) -> s.p.withdraw());
			return;
		}
		if (fate < 10) {
			NotFiledReason reason = NotFiledReason.values()[r.nextInt(NotFiledReason.values().length)];
			boolean opinion = r.nextInt(3) == 0;
			// forwarded as 社情民意 only with the author's consent (review, DOMAIN.md): the
			// committee asks, the author answers a few days later, mostly yes
			Unit forwardTo = unit(r);
			schedule(sim, review, "u-committee1", (s) -> s.p.notFile(reason, "经审查不予立案",
					opinion ? new Proposal.ForwardTarget(forwardTo.id(), forwardTo.name()) : null));
			if (opinion) {
				Instant answered = workTime(day(review).plusDays(1 + r.nextInt(7)), r);
				boolean consent = r.nextInt(10) < 8;
				schedule(sim, answered, author, (s) -> s.p.answerForwarding(author, consent, now(s)));
			}
			return;
		}
		List<Sim> filed = this.filedBySession.computeIfAbsent(session.id(), (k) -> new ArrayList<>());
		if (fate < 13 && !filed.isEmpty()) {
			Sim target = filed.get(filed.size() - 1);
			schedule(sim, review, "u-committee1", (s) -> {
				ProposalStatus ts = target.p.status;
				if (ts == ProposalStatus.FILED || ts == ProposalStatus.ASSIGNED || ts == ProposalStatus.REHANDLING) {
					s.p.mergeInto(target.p);
				}
				else {
					s.p.notFile(NotFiledReason.OTHER, "与已立案提案内容相同");
				}
			});
			return;
		}
		filed.add(sim);
		schedule(sim, review, "u-committee1", (s) -> {
			int serial = this.nextSerial.merge(session.id(), 1, Integer::sum) - 1;
			s.p.file(session.id(), session.term(), session.no(), serial, session.name() + "第" + String.format("%04d", serial) + "号",
					null, now(s));
		});
		// still waiting in the last year: a few proposals are not replied yet (overdue now)
		boolean unfinished = year == 2025 && r.nextInt(100) < 3;
		Instant assign = workTime(day(review).plusDays(5 + r.nextInt(15)), r);
		boolean separate = r.nextInt(100) < 12;
		List<Unit> chosen = new ArrayList<>();
		int n = separate ? 2 + r.nextInt(2) : 1 + ((r.nextInt(10) < 6) ? r.nextInt(3) : 0);
		while (chosen.size() < n) {
			Unit u = unit(r);
			if (!chosen.contains(u)) {
				chosen.add(u);
			}
		}
		List<Unit> initial = List.copyOf(chosen);
		schedule(sim, assign, "u-committee1", (s) -> {
			Instant now = now(s);
			List<HandlingUnit> handling = new ArrayList<>();
			for (int k = 0; k < initial.size(); k++) {
				UnitRole role = separate ? UnitRole.SEPARATE : (k == 0) ? UnitRole.LEAD : UnitRole.CO;
				handling.add(new HandlingUnit(initial.get(k).id(), role, initial.get(k).name(), true, now));
			}
			s.p.assign(separate ? AssignmentMode.SEPARATE : AssignmentMode.LEAD, handling, now, deadlines(day(now)));
		});
		Instant cursor = assign;
		// objections (申请调整): a few, within the window
		if (!separate && r.nextInt(100) < 4) {
			Unit objecting = chosen.get(0);
			long objectionId = this.nextObjectionId++;
			Instant raised = workTime(day(cursor).plusDays(1 + r.nextInt(6)), r);
			boolean uphold = r.nextInt(10) < 6;
			Unit replacement = unit(r);
			while (chosen.contains(replacement)) {
				replacement = unit(r);
			}
			Unit newLead = replacement;
			Instant decided = workTime(day(raised).plusDays(2 + r.nextInt(5)), r);
			schedule(sim, raised, "u-handler-" + objecting.id(), (s) -> s.p.raiseObjection(objectionId,
					objecting.id(), "该提案内容不属于本单位职责范围", day(now(s))));
			schedule(sim, decided, "u-committee1", (s) -> {
				if (uphold) {
					s.p.upholdObjection(objectionId, objecting.id(),
							new HandlingUnit(newLead.id(), UnitRole.LEAD, newLead.name(), true, now(s)), now(s),
							deadlines(day(now(s))), "同意调整");
				}
				else {
					s.p.rejectObjection(objectionId, objecting.id(), "维持原交办");
				}
			});
			this.objectionRows.add(new Object[] { objectionId, p.id, objecting.id(), "该提案内容不属于本单位职责范围",
					uphold ? "UPHELD" : "REJECTED", "u-handler-" + objecting.id(), Db.ts(raised), "u-committee1",
					Db.ts(decided), uphold ? newLead.id() : null, uphold ? "同意调整" : "维持原交办" });
			if (uphold) {
				chosen.set(0, newLead);
			}
			cursor = decided;
		}
		List<Unit> replying = separate ? chosen : chosen.subList(0, 1);
		List<Unit> coUnits = separate ? List.of() : chosen.subList(1, chosen.size());
		for (Unit u : chosen) {
			if (r.nextInt(10) < 7) {
				CommunicationKind kind = CommunicationKind.values()[r.nextInt(4)];
				Instant when = workTime(day(cursor).plusDays(3 + r.nextInt(25)), r);
				schedule(sim, when, "u-handler-" + u.id(), (s) -> {
					if (s.p.isActiveUnit(u.id())) {
						s.p.recordCommunication(u.id(), kind, when);
						this.communicationRows.add(new Object[] { s.p.id, u.id(), kind.name(), Db.ts(when),
								"提案人及承办处室", "就提案办理与提案人沟通", "u-handler-" + u.id(), Db.ts(when) });
					}
				});
			}
		}
		for (Unit u : coUnits) {
			Instant when = workTime(day(cursor).plusDays(10 + r.nextInt(20)), r);
			schedule(sim, when, "u-handler-" + u.id(), (s) -> {
				s.p.submitCoOpinion(u.id());
				this.coOpinionRows.add(new Object[] { s.p.id, u.id(), "同意主办单位意见，并就" + topic[0] + "提出补充意见。",
						"u-handler-" + u.id(), Db.ts(when) });
			});
		}
		if (unfinished) {
			return;
		}
		Instant assigned = cursor;
		// extensions (延期): rare, requested before the deadline, mostly approved
		boolean extension = r.nextInt(100) < 4;
		if (extension) {
			long extensionId = this.nextExtensionId++;
			Unit lead = replying.get(0);
			Instant asked = workTime(day(assigned).plusDays(60), r);
			boolean approved = r.nextInt(10) < 8;
			Instant decided = workTime(day(asked).plusDays(2), r);
			LocalDate newDeadline = deadlines(day(assigned)).reply().plusMonths(1);
			schedule(sim, asked, "u-leader-" + lead.id(), (s) -> s.p.requestExtension(extensionId, lead.id(),
					newDeadline, "需协调多部门联合调研", day(now(s))));
			schedule(sim, decided, "u-committee1", (s) -> s.p.decideExtension(extensionId, approved, newDeadline,
					approved ? "同意延期" : "不同意延期"));
			this.extensionRows.add(new Object[] { extensionId, p.id, lead.id(), newDeadline, "需协调多部门联合调研",
					approved ? "APPROVED" : "REJECTED", "u-leader-" + lead.id(), Db.ts(asked), "u-committee1",
					Db.ts(decided), approved ? "同意延期" : "不同意延期" });
		}
		// replies: most within the three months, some late
		Instant last = assigned;
		for (Unit u : replying) {
			int days = extension ? 95 + r.nextInt(20) : (r.nextInt(100) < 88) ? 30 + r.nextInt(55) : 95 + r.nextInt(60);
			Instant when = workTime(day(assigned).plusDays(days), r);
			if (when.isAfter(last)) {
				last = when;
			}
			String resultClass = String.valueOf("ABC".charAt(pick(r, 55, 35)));
			schedule(sim, when, "u-leader-" + u.id(), (s) -> sendReply(s, u, resultClass, when));
		}
		Instant lastReply = last.plusSeconds(60);
		// a few reclassifications by the committee
		if (r.nextInt(100) < 3) {
			schedule(sim, workTime(day(lastReply).plusDays(2), r), "u-committee1", (s) -> {
				if (s.replies.isEmpty()
						|| (s.p.status != ProposalStatus.REPLIED && s.p.status != ProposalStatus.CLOSED)) {
					return;
				}
				Object[] row = s.replies.get(s.replies.size() - 1);
				String from = (String) row[5];
				String to = from.equals("A") ? "B" : "A";
				row[5] = to;
				// a B reply owes a follow-up answer within follow-up-months (6) of its reply date
				LocalDate due = to.equals("B") ? ((LocalDate) row[15]).plusMonths(FOLLOW_UP_MONTHS) : null;
				row[17] = due;
				s.p.reclassify((Long) row[0], from, to, due);
			});
		}
		scheduleFeedback(sim, lastReply, r, topic[0], replying, 1);
	}

	/** Feedback of every proposer; an UNSATISFIED rating starts a second round. */
	void scheduleFeedback(Sim sim, Instant replied, Random r, String topic, List<Unit> replying, int round) {
		Instant t = replied;
		List<String> proposers = sim.proposers;
		boolean silent = r.nextInt(100) < 8;
		boolean unsatisfied = round == 1 && r.nextInt(100) < 6;
		for (int k = 0; k < proposers.size(); k++) {
			String member = proposers.get(k);
			if (silent && k == proposers.size() - 1 && proposers.size() > 0) {
				break;
			}
			Rating rating = (unsatisfied && k == 0) ? Rating.UNSATISFIED
					: (r.nextInt(100) < 76) ? Rating.SATISFIED : Rating.BASICALLY_SATISFIED;
			Instant when = workTime(day(t).plusDays(2 + r.nextInt(8)), r);
			t = when;
			schedule(sim, when, member, (s) -> {
				if (s.p.status != ProposalStatus.REPLIED || !s.p.proposerIds().contains(member)) {
					return;
				}
				Object[] row = { s.p.id, member, s.p.round, rating.name(), null, Db.ts(when) };
				this.feedbackRows.add(row);
				s.feedback.add(row);
				List<String> rated = new ArrayList<>();
				for (Object[] f : s.feedback) {
					if (f[0].equals(s.p.id) && ((Integer) f[2]) == s.p.round) {
						rated.add((String) f[1]);
					}
				}
				s.p.feedback(member, rating, rated, now(s), day(now(s)).plusMonths(1));
			});
			if (rating == Rating.UNSATISFIED) {
				Instant again = workTime(day(when).plusDays(20 + r.nextInt(15)), r);
				for (Unit u : replying) {
					schedule(sim, again, "u-leader-" + u.id(), (s) -> sendReply(s, u, "A", again));
				}
				scheduleFeedback(sim, again.plusSeconds(60), r, topic, replying, round + 1);
				return;
			}
		}
		Instant closeAt = workTime(day(t).plusDays(25), r);
		if (silent) {
			schedule(sim, closeAt, "system", (s) -> {
				if (s.p.status == ProposalStatus.REPLIED) {
					s.p.closeAfterFeedbackWindow(now(s));
				}
			});
		}
		if (r.nextInt(100) < 60) {
			PublicationLevel level = PublicationLevel.values()[pick(r, 70, 20)];
			schedule(sim, closeAt.plusSeconds(3600 * 24 * 3), "u-committee1", (s) -> {
				if (s.p.status == ProposalStatus.REPLIED || s.p.status == ProposalStatus.CLOSED) {
					s.p.publish(level, (level == PublicationLevel.SUMMARY) ? "答复摘要：" + s.p.title : null, now(s));
				}
			});
		}
	}

	void sendReply(Sim s, Unit u, String resultClass, Instant when) {
		Proposal p = s.p;
		if (!p.replyingUnits().contains(u.id())) {
			return;
		}
		long replyId = this.nextReplyId++;
		LocalDate today = day(when);
		boolean onTime = p.replyDeadline == null || !today.isAfter(p.replyDeadline);
		List<Map<String, Object>> sections = new ArrayList<>();
		for (int k = 1; k <= p.suggestions.size(); k++) {
			Map<String, Object> section = new LinkedHashMap<>();
			section.put("suggestionIndex", k);
			section.put("text", "关于第" + k + "条建议，我单位高度重视，已会同有关部门研究落实。");
			sections.add(section);
		}
		LocalDate followUpDue = resultClass.equals("B") ? today.plusMonths(FOLLOW_UP_MONTHS) : null;
		Object[] row = { replyId, p.id, u.id(), p.round, "SENT", resultClass,
				u.name() + "关于" + p.title.replace("关于", "").replace("的提案", "") + "办理情况的答复。感谢您对我省工作的关心和支持。",
				this.json.writeValueAsString(sections), "厅长", "王同志", "025-83" + (100000 + (replyId % 899999)),
				"u-handler-" + u.id(), Db.ts(when), "u-leader-" + u.id(), Db.ts(when), today, onTime,
				followUpDue };
		s.replies.add(row);
		this.replyRows.add(row);
		boolean all = true;
		for (String unit : p.replyingUnits()) {
			boolean sent = unit.equals(u.id());
			for (Object[] other : s.replies) {
				if (other[2].equals(unit) && ((Integer) other[3]) == p.round) {
					sent = true;
				}
			}
			all &= sent;
		}
		p.replySent(replyId, u.id(), resultClass, onTime, all, when, today.plusDays(21), today.plusDays(28),
				followUpDue);
	}

	static int pick(Random r, int first, int second) {
		int x = r.nextInt(100);
		return (x < first) ? 0 : (x < first + second) ? 1 : 2;
	}

	/**
	 * ProposalService.deadlinesFrom with the default properties, calendar days (15 working
	 * days of 办前沟通 taken as 21 calendar days).
	 */
	static Deadlines deadlines(LocalDate start) {
		return new Deadlines(start.plusDays(10), start.plusMonths(1), start.plusMonths(3), start.plusMonths(6), null,
				start.plusDays(21));
	}

	Instant now(Sim s) {
		return this.current;
	}

	Instant current;

	// --- writing -------------------------------------------------------------------

	void write(Connection c) throws Exception {
		c.setAutoCommit(false);
		batch(c, """
				INSERT INTO proposal (id, title, content, category, suggestions, author_id, organisation, status,
				key_proposal, session_id, serial, number, not_filed_reason, not_filed_note, forwarded_as_opinion,
				forwarding_status, forward_to_unit_id, forward_to_unit_name, forwarding_answered_at,
				merged_into_id, mode, handling_round, co_signature_deadline, objection_deadline, co_opinion_deadline,
				communication_deadline, reply_deadline, hard_deadline, feedback_deadline, publication_deadline,
				publication_level, publication_summary, published_at, created_at, updated_at, submitted_at, filed_at,
				assigned_at, replied_at, closed_at, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				?, ?, ?, ?, ?)""",
				this.sims.stream().map((s) -> {
					Proposal p = s.p;
					return new Object[] { p.id, p.title, p.content, p.category,
							this.json.writeValueAsString(p.suggestions), p.authorId, p.organisation, p.status.name(),
							p.keyProposal, p.sessionId, p.serial, p.number, ProposalRepository.name(p.notFiledReason),
							p.notFiledNote, p.forwardedAsOpinion, ProposalRepository.name(p.forwardingStatus),
							p.forwardToUnitId, p.forwardToUnitName, Db.ts(p.forwardingAnsweredAt), p.mergedIntoId,
							ProposalRepository.name(p.mode), p.round, p.coSignatureDeadline, p.objectionDeadline,
							p.coOpinionDeadline, p.communicationDeadline, p.replyDeadline,
							p.hardDeadline, p.feedbackDeadline, p.publicationDeadline,
							ProposalRepository.name(p.publicationLevel), p.publicationSummary, Db.ts(p.publishedAt),
							Db.ts(p.createdAt), Db.ts(p.updatedAt), Db.ts(p.submittedAt), Db.ts(p.filedAt),
							Db.ts(p.assignedAt), Db.ts(p.repliedAt), Db.ts(p.closedAt), p.version };
				}).toList());
		List<Object[]> coSigners = new ArrayList<>();
		List<Object[]> units = new ArrayList<>();
		for (Sim s : this.sims) {
			s.p.coSigners.forEach((m, st) -> coSigners.add(new Object[] { s.p.id, m, st.name(), null }));
			s.p.units.forEach((u) -> units.add(new Object[] { s.p.id, u.unitId(), u.role().name(), u.name(),
					u.active(), Db.ts(u.assignedAt()) }));
		}
		batch(c, "INSERT INTO proposal_co_signer (proposal_id, member_id, status, decided_at) VALUES (?, ?, ?, ?)",
				coSigners);
		batch(c, """
				INSERT INTO proposal_unit (proposal_id, unit_id, role, unit_name, active, assigned_at)
				VALUES (?, ?, ?, ?, ?, ?)""", units);
		batch(c, """
				INSERT INTO objection (id, proposal_id, unit_id, reason, status, raised_by, raised_at, decided_by,
				decided_at, new_lead_unit_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", this.objectionRows);
		batch(c, """
				INSERT INTO extension (id, proposal_id, unit_id, new_deadline, reason, status, requested_by, requested_at,
				decided_by, decided_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", this.extensionRows);
		batch(c, """
				INSERT INTO communication (proposal_id, unit_id, kind, happened_at, participants, summary, recorded_by,
				recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", this.communicationRows);
		batch(c, """
				INSERT INTO co_opinion (proposal_id, unit_id, opinion, submitted_by, submitted_at)
				VALUES (?, ?, ?, ?, ?)""", this.coOpinionRows);
		batch(c, """
				INSERT INTO reply (id, proposal_id, unit_id, handling_round, status, result_class, body, sections, signer,
				contact_name, contact_phone, drafted_by, updated_at, signed_by, sent_at, reply_date, on_time, follow_up_due)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", this.replyRows);
		batch(c, """
				INSERT INTO feedback (proposal_id, member_id, handling_round, rating, comment, given_at)
				VALUES (?, ?, ?, ?, ?, ?)""", this.feedbackRows);
		try (PreparedStatement ps = c.prepareStatement("UPDATE term_session SET next_serial = ? WHERE id = ?")) {
			for (Map.Entry<String, Integer> e : this.nextSerial.entrySet()) {
				ps.setInt(1, e.getValue());
				ps.setString(2, e.getKey());
				ps.addBatch();
			}
			ps.executeBatch();
		}
		c.commit();
		batch(c, """
				INSERT INTO proposal_history (proposal_id, occurred_at, actor, action, from_status, to_status, note)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", this.history);
		// the outbox last, in time order, position NULL: the service's relay numbers the committed rows
		batch(c, """
				INSERT INTO outbox_event (event_id, type, occurred_at, aggregate_id, aggregate_version, actor, payload)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", this.outbox);
	}

	static void batch(Connection c, String sql, List<Object[]> rows) throws Exception {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			int n = 0;
			for (Object[] row : rows) {
				for (int k = 0; k < row.length; k++) {
					Object v = row[k];
					if (v instanceof LocalDate d) {
						ps.setObject(k + 1, d);
					}
					else if (v instanceof Timestamp ts) {
						ps.setTimestamp(k + 1, ts);
					}
					else {
						ps.setObject(k + 1, v);
					}
				}
				ps.addBatch();
				if (++n % 1000 == 0) {
					ps.executeBatch();
					c.commit();
				}
			}
			ps.executeBatch();
			c.commit();
		}
	}

}
