package cn.gov.cppcc.proposals.proposal.suggestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.gov.cppcc.proposals.proposal.proposal.ProposalChanged;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.SuggestedUnit;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.UnitSuggester;
import cn.gov.cppcc.proposals.suggestion.PastProposal;
import cn.gov.cppcc.proposals.suggestion.SimilarProposal;
import cn.gov.cppcc.proposals.suggestion.SuggestionEngine;
import cn.gov.cppcc.proposals.suggestion.UnitDirectory;
import cn.gov.cppcc.proposals.suggestion.UnitProfile;

/**
 * The one {@link SuggestionEngine} of this instance (issue 8): the bundled 派单目录 and every
 * assignment (交办) the committee made, read from this service's own tables at start and
 * followed after each committed change (an assignment, an upheld objection, a reply
 * changing the outcome). Other instances' writes arrive through the
 * {@code refresh.InstanceRefresher}. In memory, per instance.
 * <p>
 * A proposal is learned under its printed number (十二届一次会议第0768号), so the engine's reasons
 * name it the way the committee does; the map below leads back to the database id.
 */
@Component
public class AssignmentSuggestions implements UnitSuggester {

	private static final Logger log = LoggerFactory.getLogger(AssignmentSuggestions.class);

	/**
	 * A proposal's version and what the engine learns of it; {@code assigned} says
	 * whether it has been assigned.
	 */
	private static final String SELECT = """
			SELECT /* suggestion engine */ p.id, p.version, p.title, p.content, p.number, p.status, p.assigned_at IS NOT NULL AS assigned,
			       CASE WHEN p.assigned_at IS NOT NULL THEN
			       (SELECT r.result_class FROM reply r WHERE r.proposal_id = p.id AND r.status = 'SENT'
			        ORDER BY r.handling_round DESC, r.id DESC LIMIT 1) END AS result_class
			FROM proposal p""";

	private final JdbcClient jdbc;

	private final SuggestionEngine engine = new SuggestionEngine();

	private final Map<String, String> unitNames = new HashMap<>();

	/** Engine key (the printed number) → database id, and back; what is learned now. */
	private final Map<String, Long> ids = new ConcurrentHashMap<>();

	private final Map<Long, PastProposal> learned = new ConcurrentHashMap<>();

	/** The proposal version each learned or forgotten state was read at. */
	private final Map<Long, Long> versions = new ConcurrentHashMap<>();

	AssignmentSuggestions(JdbcClient jdbc) {
		this.jdbc = jdbc;
		List<UnitProfile> units = UnitDirectory.loadDefault();
		this.engine.loadUnits(units);
		units.forEach((u) -> this.unitNames.put(u.unitId(), u.name()));
	}

	/**
	 * Start-up: every proposal already assigned, in one refresh of the engine. Read
	 * before taking the lock (see {@link #sync}); a proposal synced meanwhile in a newer
	 * version keeps that version.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void loadAll() {
		long started = System.nanoTime();
		List<Learnable> all = learnable(rows(null), null);
		List<Learnable> fresh = new ArrayList<>(all.size());
		synchronized (this) {
			for (Learnable l : all) {
				if (newer(l.id(), l.version())) {
					remember(l);
					fresh.add(l);
				}
			}
			this.engine.learnAll(fresh.stream().map(Learnable::past).toList());
		}
		log.info("Suggestion engine learned {} assigned proposals in {} ms", fresh.size(),
				(System.nanoTime() - started) / 1_000_000);
	}

	/** After commit of any change of a proposal, in the writing instance. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onChange(ProposalChanged event) {
		try {
			sync(event.proposalId());
		}
		catch (RuntimeException ex) {
			// the change is committed; the refresher applies it again within seconds
			log.warn("Suggestion engine not updated for proposal {}: {}", event.proposalId(), ex.toString());
		}
	}

	/**
	 * Brings the engine in line with the database for one proposal: learned (again) while
	 * it has handling units, forgotten otherwise. Idempotent; nothing happens when the
	 * learned version is unchanged.
	 * <p>
	 * The database is read <em>before</em> the lock is taken, never while holding it: a
	 * request thread calls this after its commit but still holding its connection, so a
	 * lock holder waiting for a pooled connection (the refresher) while ten request
	 * threads wait for the lock starved the pool until the connection timeout (found by
	 * bench/write-path.sh at 16 connections: 16 of 16 writers stuck). The proposal's
	 * version, read with the proposal and before its units, orders concurrent syncs: an
	 * older read never replaces a newer one.
	 * <p>
	 * One statement for a proposal not assigned (a create, a submission, a filing: most
	 * changes), two for an assigned one (bench/profile-gateway.sh SCENARIO=writes).
	 */
	public void sync(long proposalId) {
		List<Row> rows = rows(proposalId);
		long version = rows.isEmpty() ? Long.MAX_VALUE : rows.get(0).version();
		List<Learnable> now = learnable(rows, proposalId);
		synchronized (this) {
			if (!newer(proposalId, version)) {
				return;
			}
			this.versions.put(proposalId, version);
			apply(proposalId, now);
		}
	}

	/** Whether {@code version} of the proposal is at least what was applied last. */
	private boolean newer(long proposalId, long version) {
		Long applied = this.versions.get(proposalId);
		return applied == null || applied <= version;
	}

	private void apply(long proposalId, List<Learnable> now) {
		PastProposal before = this.learned.get(proposalId);
		if (now.isEmpty()) {
			if (before != null) {
				this.engine.unlearn(before.id());
				this.learned.remove(proposalId);
				this.ids.remove(before.id());
			}
			return;
		}
		PastProposal p = now.get(0).past();
		if (p.equals(before)) {
			return;
		}
		if (before != null && !before.id().equals(p.id())) {
			this.engine.unlearn(before.id());
			this.ids.remove(before.id());
		}
		remember(now.get(0));
		this.engine.learn(p);
	}

	private void remember(Learnable l) {
		this.versions.merge(l.id(), l.version(), Math::max);
		this.ids.put(l.past().id(), l.id());
		this.learned.put(l.id(), l.past());
	}

	private record Learnable(long id, long version, PastProposal past) {
	}

	private record Row(long id, long version, boolean assigned, String title, String content, String number,
			String outcome) {
	}

	/** Every assigned proposal, or one proposal whether assigned or not. */
	private List<Row> rows(Long proposalId) {
		JdbcClient.StatementSpec spec = (proposalId == null)
				? this.jdbc.sql(SELECT + " WHERE p.assigned_at IS NOT NULL")
				: this.jdbc.sql(SELECT + " WHERE p.id = :id").param("id", proposalId);
		return spec
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("version"), rs.getBoolean("assigned"),
					rs.getString("title"), rs.getString("content"), rs.getString("number"),
					(rs.getString("result_class") != null) ? rs.getString("result_class") : rs.getString("status")))
			.list();
	}

	/**
	 * The assigned ones of these proposals (all, or one) with their active handling
	 * units: LEAD then CO; a SEPARATE assignment counts its first unit as lead and the
	 * others as co-handling.
	 */
	private List<Learnable> learnable(List<Row> all, Long proposalId) {
		List<Row> rows = all.stream().filter(Row::assigned).toList();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<String>> leads = new HashMap<>();
		Map<Long, List<String>> cos = new HashMap<>();
		String unitSql = "SELECT /* suggestion engine */ proposal_id, unit_id, role FROM proposal_unit WHERE active = 1"
				+ ((proposalId == null) ? "" : " AND proposal_id = :id")
				+ " ORDER BY proposal_id, assigned_at, unit_id";
		JdbcClient.StatementSpec units = this.jdbc.sql(unitSql);
		if (proposalId != null) {
			units = units.param("id", proposalId);
		}
		units.query((rs) -> {
			long id = rs.getLong("proposal_id");
			String role = rs.getString("role");
			Map<Long, List<String>> target = "CO".equals(role) ? cos : leads;
			target.computeIfAbsent(id, (k) -> new ArrayList<>()).add(rs.getString("unit_id"));
		});
		List<Learnable> out = new ArrayList<>();
		for (Row row : rows) {
			List<String> lead = leads.getOrDefault(row.id(), List.of());
			if (lead.isEmpty()) {
				continue;
			}
			List<String> co = new ArrayList<>(lead.subList(1, lead.size()));
			co.addAll(cos.getOrDefault(row.id(), List.of()));
			String key = (row.number() != null) ? row.number() : "提案" + row.id();
			// no session label: the key (the printed number) already names the session,
			// and the engine shows a non-numeric key as it is
			out.add(new Learnable(row.id(), row.version(),
					new PastProposal(key, row.title(), row.content(), null, lead.get(0), co, row.outcome())));
		}
		return out;
	}

	@Override
	public List<SuggestedUnit> suggest(String title, String content, int limit) {
		return this.engine.suggest(title, content, limit)
			.stream()
			.map((s) -> new SuggestedUnit(s.unitId(), s.unitName(), s.role().name(), s.score(), s.reasons()))
			.toList();
	}

	/** Learned proposals on the same matter, as database ids with scores, best first. */
	public List<Similar> similar(long proposalId, String title, String content, int limit) {
		PastProposal self = this.learned.get(proposalId);
		List<Similar> out = new ArrayList<>();
		for (SimilarProposal s : this.engine.similar(title, content, (self != null) ? self.id() : null, limit)) {
			Long id = this.ids.get(s.id());
			if (id != null && id != proposalId) {
				out.add(new Similar(id, s.score(), s.leadUnitId(), s.outcome()));
			}
		}
		return out;
	}

	/**
	 * A similar learned proposal: its database id, the cosine score, its lead unit and
	 * outcome.
	 */
	public record Similar(long id, double score, String leadUnitId, String outcome) {
	}

	/** The directory's name of a unit, or null. */
	String unitName(String unitId) {
		return this.unitNames.get(unitId);
	}

	/** How many proposals the engine has learned. */
	public int learnedCount() {
		return this.engine.learnedCount();
	}

	@PreDestroy
	void close() {
		this.engine.close();
	}

}
