package cn.gov.cppcc.proposals.proposal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Full-text search over proposals' title, content and sent replies, with a real Chinese
 * analyzer (Lucene SmartChineseAnalyzer, not {@code LIKE '%..%'}). The index lives in
 * memory: rebuilt from the database at start and updated after each commit that changes a
 * proposal.
 * <p>
 * Besides the text, each document carries what the proposal list filters and scopes by
 * (status, session, category, author, active units, invited or confirmed co-signers,
 * filed, key proposal, reply deadline), so a text query is filtered, scoped, ranked,
 * counted and paged inside Lucene and the database reads only the page's rows. At ten
 * years of data a word matching nearly every proposal (建议) used to carry thousands of ids
 * into SQL.
 */
@Component
public class SearchIndex {

	private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

	/**
	 * The public replies search answers with at most this many of the best matches (the
	 * proposal list pages inside the index and has no such limit).
	 */
	public static final int MAX_HITS = 1_000;

	/** Proposals read per database round trip while the index is rebuilt. */
	private static final int REBUILD_BATCH = 500;

	private static final Set<String> ID_ONLY = Set.of("id");

	/** Relevance first; among equal scores the newest proposal first. */
	private static final Sort RELEVANCE = new Sort(SortField.FIELD_SCORE,
			new SortField("order", SortField.Type.LONG, true));

	private final JdbcClient jdbc;

	private final Analyzer analyzer = new SmartChineseAnalyzer();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final AtomicLong reopens = new AtomicLong();

	/** Whether the index changed since the reader was last reopened. */
	private final AtomicBoolean changed = new AtomicBoolean();

	/** The proposal version each indexed (or deleted) state was read at. */
	private final Map<Long, Long> versions = new ConcurrentHashMap<>();

	SearchIndex(JdbcClient jdbc) throws IOException {
		this.jdbc = jdbc;
		this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(this.analyzer));
		this.searchers = new SearcherManager(this.writer, null);
		this.searchers.addListener(new ReferenceManager.RefreshListener() {

			@Override
			public void beforeRefresh() {
			}

			@Override
			public void afterRefresh(boolean didRefresh) {
				if (didRefresh) {
					SearchIndex.this.reopens.incrementAndGet();
				}
			}

		});
	}

	/**
	 * How many times the reader was reopened to see changes (for tests and diagnostics).
	 */
	public long readerReopens() {
		return this.reopens.get();
	}

	@EventListener(ApplicationReadyEvent.class)
	public void rebuild() {
		long last = 0;
		int count = 0;
		while (true) {
			List<Long> ids = this.jdbc.sql("SELECT id FROM proposal WHERE id > ? ORDER BY id LIMIT " + REBUILD_BATCH)
				.param(last)
				.query(Long.class)
				.list();
			if (ids.isEmpty()) {
				break;
			}
			indexBatch(ids);
			count += ids.size();
			last = ids.get(ids.size() - 1);
		}
		log.info("Search index rebuilt with {} proposals", count);
	}

	/**
	 * Re-reads one proposal into the index (or removes it); visible to the next search.
	 */
	public void index(long proposalId) {
		indexBatch(List.of(proposalId));
	}

	/**
	 * Re-reads these proposals into the index (removing those no longer in the database).
	 */
	public void index(List<Long> proposalIds) {
		for (int from = 0; from < proposalIds.size(); from += REBUILD_BATCH) {
			indexBatch(proposalIds.subList(from, Math.min(from + REBUILD_BATCH, proposalIds.size())));
		}
	}

	/**
	 * The database is read before the lock is taken, never while holding it: a request
	 * thread calls this after its commit while still holding its connection, so a lock
	 * holder waiting for a pooled connection (the instance refresher) while the request
	 * threads wait for the lock would starve the pool (PoolStarvationTests). The
	 * proposal's version, read with its row, orders concurrent calls: an older read never
	 * replaces a newer one.
	 */
	private void indexBatch(List<Long> proposalIds) {
		String in = " IN (" + "?, ".repeat(proposalIds.size() - 1) + "?)";
		Map<Long, Document> docs = new HashMap<>();
		Map<Long, Long> read = new HashMap<>();
		this.jdbc.sql("""
				SELECT id, version, title, content, status, session_id, category, author_id, key_proposal, filed_at,
				reply_deadline, forwarding_status, forward_to_unit_id FROM proposal WHERE id""" + in)
			.params(proposalIds)
			.query((rs) -> {
				long id = rs.getLong("id");
				read.put(id, rs.getLong("version"));
				Document doc = new Document();
				doc.add(new StringField("id", Long.toString(id), Field.Store.YES));
				doc.add(new NumericDocValuesField("order", id));
				doc.add(new TextField("text", rs.getString("title") + "\n" + rs.getString("content"), Field.Store.NO));
				keyword(doc, "status", rs.getString("status"));
				keyword(doc, "session", rs.getString("session_id"));
				keyword(doc, "category", rs.getString("category"));
				keyword(doc, "author", rs.getString("author_id"));
				keyword(doc, "key", rs.getBoolean("key_proposal") ? "1" : "0");
				keyword(doc, "filed", (rs.getObject("filed_at") != null) ? "1" : "0");
				if ("FORWARDED".equals(rs.getString("forwarding_status"))
						&& rs.getString("forward_to_unit_id") != null) {
					// read by that unit's staff (ProposalService.isForwardedTo)
					keyword(doc, "forwardedto", rs.getString("forward_to_unit_id"));
				}
				LocalDate deadline = rs.getObject("reply_deadline", LocalDate.class);
				if (deadline != null) {
					doc.add(new LongPoint("deadline", deadline.toEpochDay()));
				}
				docs.put(id, doc);
			});
		this.jdbc.sql("SELECT proposal_id, unit_id FROM proposal_unit WHERE active = 1 AND proposal_id" + in)
			.params(proposalIds)
			.query((rs) -> {
				Document doc = docs.get(rs.getLong(1));
				if (doc != null) {
					keyword(doc, "unit", rs.getString(2));
				}
			});
		this.jdbc
			.sql("SELECT proposal_id, member_id FROM proposal_co_signer WHERE status IN ('INVITED', 'CONFIRMED')"
					+ " AND proposal_id" + in)
			.params(proposalIds)
			.query((rs) -> {
				Document doc = docs.get(rs.getLong(1));
				if (doc != null) {
					keyword(doc, "cosigner", rs.getString(2));
				}
			});
		Map<Long, StringBuilder> replies = new HashMap<>();
		this.jdbc
			.sql("SELECT proposal_id, CONCAT(body, '\n', sections) FROM reply WHERE status = 'SENT' AND proposal_id"
					+ in)
			.params(proposalIds)
			.query((rs) -> {
				replies.computeIfAbsent(rs.getLong(1), (k) -> new StringBuilder()).append(rs.getString(2)).append('\n');
			});
		synchronized (this) {
			apply(proposalIds, docs, read, replies);
		}
	}

	private void apply(List<Long> proposalIds, Map<Long, Document> docs, Map<Long, Long> read,
			Map<Long, StringBuilder> replies) {
		try {
			for (Long id : proposalIds) {
				long version = read.getOrDefault(id, Long.MAX_VALUE);
				Long applied = this.versions.get(id);
				if (applied != null && applied > version) {
					continue;
				}
				this.versions.put(id, version);
				Term key = new Term("id", Long.toString(id));
				Document doc = docs.get(id);
				if (doc == null) {
					this.writer.deleteDocuments(key);
				}
				else {
					StringBuilder reply = replies.get(id);
					doc.add(new TextField("reply", (reply != null) ? reply.toString() : "", Field.Store.NO));
					this.writer.updateDocument(key, doc);
				}
			}
			// no commit (the index is rebuilt at start); the next search reopens the
			// reader and sees the change (withSearcher)
			this.changed.set(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void keyword(Document doc, String field, String value) {
		if (value != null) {
			doc.add(new StringField(field, value, Field.Store.NO));
		}
	}

	/**
	 * Proposals whose title, content or reply (or, with {@code replyOnly}, reply) holds
	 * every word of the query.
	 * @return matching proposal ids, best first, at most {@link #MAX_HITS}; empty when
	 * the query has no words
	 */
	public List<Long> search(String q, boolean replyOnly) {
		Query text = text(q, replyOnly);
		if (text == null) {
			return List.of();
		}
		return withSearcher((searcher) -> ids(searcher, searcher.search(text, MAX_HITS).scoreDocs));
	}

	/**
	 * Who may see what, as the proposal list's SQL says it (API.md "What each role
	 * sees"): {@code all} for committee staff and administrators (everything but others'
	 * drafts), otherwise any of: own or co-signed (member), an active unit (unit staff),
	 * filed (a client with {@code proposals:read}).
	 */
	public record Scope(String userId, boolean all, boolean member, String unitId, boolean filedReader) {
	}

	/** A text query with the list's filters; null filters do not filter. */
	public record Criteria(String q, Scope scope, String session, String status, String category, String unitId,
			Boolean keyProposal, Boolean overdue, LocalDate today) {
	}

	/** One page of matching proposal ids, best first, and how many match in all. */
	public record Hits(List<Long> ids, long total) {
	}

	/**
	 * The matches of a text query that the caller may see and the filters keep, in
	 * relevance order (newest first among equal scores): page {@code page} (from 1) of
	 * {@code size}, and the exact number of matches.
	 */
	public Hits search(Criteria criteria, int page, int size) {
		Query text = text(criteria.q(), false);
		Query scope = scope(criteria.scope());
		if (text == null || scope == null) {
			return new Hits(List.of(), 0);
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
			.add(scope, BooleanClause.Occur.FILTER);
		filter(query, "session", criteria.session());
		filter(query, "status", criteria.status());
		filter(query, "category", criteria.category());
		filter(query, "unit", criteria.unitId());
		if (criteria.keyProposal() != null) {
			filter(query, "key", criteria.keyProposal() ? "1" : "0");
		}
		if (criteria.overdue() != null) {
			query.add(overdue(criteria.today()),
					criteria.overdue() ? BooleanClause.Occur.FILTER : BooleanClause.Occur.MUST_NOT);
		}
		Query built = query.build();
		long offset = (long) (page - 1) * size;
		return withSearcher((searcher) -> {
			int maxDoc = Math.max(1, searcher.getIndexReader().maxDoc());
			if (offset >= maxDoc) {
				return new Hits(List.of(), searcher.count(built));
			}
			int wanted = (int) Math.min(offset + size, maxDoc);
			// exact total: counting every match is cheap next to sorting them
			TopDocs top = searcher.search(built, new TopFieldCollectorManager(RELEVANCE, wanted, Integer.MAX_VALUE));
			ScoreDoc[] docs = top.scoreDocs;
			int from = (int) Math.min(offset, docs.length);
			return new Hits(ids(searcher, Arrays.copyOfRange(docs, from, docs.length)), top.totalHits.value);
		});
	}

	private static void filter(BooleanQuery.Builder query, String field, String value) {
		if (value != null) {
			query.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
		}
	}

	/**
	 * Overdue as the list's SQL says it: assigned or re-handling and the reply deadline
	 * before today. Like SQL's {@code NOT (... AND reply_deadline < ?)}, a proposal in
	 * those states without a deadline is neither overdue nor not overdue.
	 */
	private static Query overdue(LocalDate today) {
		Query handling = new BooleanQuery.Builder()
			.add(new TermQuery(new Term("status", "ASSIGNED")), BooleanClause.Occur.SHOULD)
			.add(new TermQuery(new Term("status", "REHANDLING")), BooleanClause.Occur.SHOULD)
			.build();
		return new BooleanQuery.Builder().add(handling, BooleanClause.Occur.FILTER)
			.add(LongPoint.newRangeQuery("deadline", today.toEpochDay(), Long.MAX_VALUE), BooleanClause.Occur.MUST_NOT)
			.build();
	}

	private static Query scope(Scope scope) {
		Query notDraft = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
			.add(new TermQuery(new Term("status", "DRAFT")), BooleanClause.Occur.MUST_NOT)
			.build();
		String user = (scope.userId() != null) ? scope.userId() : "";
		Query own = new TermQuery(new Term("author", user));
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		if (scope.all()) {
			return any.add(notDraft, BooleanClause.Occur.SHOULD).add(own, BooleanClause.Occur.SHOULD).build();
		}
		int clauses = 0;
		if (scope.member()) {
			any.add(own, BooleanClause.Occur.SHOULD);
			any.add(new BooleanQuery.Builder()
				.add(new TermQuery(new Term("cosigner", user)), BooleanClause.Occur.FILTER)
				.add(new TermQuery(new Term("status", "DRAFT")), BooleanClause.Occur.MUST_NOT)
				.build(), BooleanClause.Occur.SHOULD);
			clauses++;
		}
		if (scope.unitId() != null) {
			any.add(new TermQuery(new Term("unit", scope.unitId())), BooleanClause.Occur.SHOULD);
			any.add(new TermQuery(new Term("forwardedto", scope.unitId())), BooleanClause.Occur.SHOULD);
			clauses++;
		}
		if (scope.filedReader()) {
			any.add(new TermQuery(new Term("filed", "1")), BooleanClause.Occur.SHOULD);
			clauses++;
		}
		return (clauses == 0) ? null : any.build();
	}

	/** Every word of the query in the text or the reply; null when it has no words. */
	private Query text(String q, boolean replyOnly) {
		List<String> words = words(q);
		if (words.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (String word : words) {
			BooleanQuery.Builder anyField = new BooleanQuery.Builder();
			if (!replyOnly) {
				anyField.add(new TermQuery(new Term("text", word)), BooleanClause.Occur.SHOULD);
			}
			anyField.add(new TermQuery(new Term("reply", word)), BooleanClause.Occur.SHOULD);
			query.add(anyField.build(), BooleanClause.Occur.MUST);
		}
		return query.build();
	}

	private static List<Long> ids(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
		List<Long> ids = new ArrayList<>(hits.length);
		StoredFields stored = searcher.storedFields();
		for (ScoreDoc hit : hits) {
			ids.add(Long.valueOf(stored.document(hit.doc, ID_ONLY).get("id")));
		}
		return ids;
	}

	private interface SearcherWork<T> {

		T apply(IndexSearcher searcher) throws IOException;

	}

	private <T> T withSearcher(SearcherWork<T> work) {
		try {
			refreshIfChanged();
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return work.apply(searcher);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reopens the reader if the index changed since it was last opened, so that a search
	 * sees every change applied before it started. Done here rather than after each
	 * change: reopening flushes the writer's buffer into a new segment, and doing it for
	 * every write was ~19 % of proposal-service's CPU on the write path (and its many
	 * tiny segments kept the merge thread busy); now writes in a row share one reopen.
	 */
	private void refreshIfChanged() throws IOException {
		if (this.changed.getAndSet(false)) {
			try {
				this.searchers.maybeRefreshBlocking();
			}
			catch (IOException | RuntimeException ex) {
				this.changed.set(true);
				throw ex;
			}
		}
	}

	/** How many proposals the index holds (one document each). */
	public int documents() {
		return withSearcher((searcher) -> searcher.getIndexReader().numDocs());
	}

	List<String> words(String q) {
		List<String> words = new ArrayList<>();
		if (q == null) {
			return words;
		}
		try (TokenStream stream = this.analyzer.tokenStream("text", q)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				words.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return words;
	}

}
