package cn.gov.cppcc.proposals.proposal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
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
 * proposal. Answers ids; the database applies filters, scope and paging.
 */
@Component
public class SearchIndex {

	private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

	/**
	 * A text query answers with at most this many of the best matches (a common word
	 * matches nearly everything; nobody pages past the thousandth).
	 */
	public static final int MAX_HITS = 1_000;

	private static final Set<String> ID_ONLY = Set.of("id");

	private final JdbcClient jdbc;

	private final Analyzer analyzer = new SmartChineseAnalyzer();

	private final IndexWriter writer;

	/** The proposal version each indexed (or deleted) state was read at. */
	private final Map<Long, Long> versions = new ConcurrentHashMap<>();

	SearchIndex(JdbcClient jdbc) throws IOException {
		this.jdbc = jdbc;
		this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(this.analyzer));
	}

	@EventListener(ApplicationReadyEvent.class)
	public void rebuild() {
		List<Long> ids = this.jdbc.sql("SELECT id FROM proposal").query(Long.class).list();
		ids.forEach(this::index);
		log.info("Search index rebuilt with {} proposals", ids.size());
	}

	/**
	 * (Re)indexes one proposal. The database is read before the lock is taken, never
	 * while holding it: a request thread calls this after its commit while still holding
	 * its connection, so a lock holder waiting for a pooled connection (the instance
	 * refresher) while the request threads wait for the lock would starve the pool (see
	 * AssignmentSuggestions#sync). The proposal's version, read with its text, orders
	 * concurrent calls: an older read never replaces a newer one.
	 */
	public void index(long proposalId) {
		record Row(long version, String text) {
		}
		Row row = this.jdbc.sql("SELECT version, CONCAT(title, '\n', content) FROM proposal WHERE id = ?")
			.param(proposalId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(null);
		StringBuilder replies = new StringBuilder();
		if (row != null) {
			this.jdbc.sql("SELECT CONCAT(body, '\n', sections) FROM reply WHERE proposal_id = ? AND status = 'SENT'")
				.param(proposalId)
				.query(String.class)
				.list()
				.forEach((r) -> replies.append(r).append('\n'));
		}
		long version = (row != null) ? row.version() : Long.MAX_VALUE;
		synchronized (this) {
			Long applied = this.versions.get(proposalId);
			if (applied != null && applied > version) {
				return;
			}
			this.versions.put(proposalId, version);
			try {
				Term key = new Term("id", Long.toString(proposalId));
				if (row == null) {
					this.writer.deleteDocuments(key);
				}
				else {
					Document doc = new Document();
					doc.add(new StringField("id", Long.toString(proposalId), Field.Store.YES));
					doc.add(new TextField("text", row.text(), Field.Store.NO));
					doc.add(new TextField("reply", replies.toString(), Field.Store.NO));
					this.writer.updateDocument(key, doc);
				}
				// no commit: searches open near-real-time readers on the writer, and the
				// index is rebuilt at start
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Proposals whose title, content or reply (or, with {@code replyOnly}, reply) holds
	 * every word of the query.
	 * @return matching proposal ids, best first; empty when the query has no words
	 */
	public List<Long> search(String q, boolean replyOnly) {
		List<String> words = words(q);
		List<Long> ids = new ArrayList<>();
		if (words.isEmpty()) {
			return ids;
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
		try (DirectoryReader reader = DirectoryReader.open(this.writer)) {
			IndexSearcher searcher = new IndexSearcher(reader);
			for (ScoreDoc hit : searcher.search(query.build(), MAX_HITS).scoreDocs) {
				ids.add(Long.valueOf(searcher.storedFields().document(hit.doc, ID_ONLY).get("id")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ids;
	}

	/** How many proposals the index holds (one document each). */
	public synchronized int documents() {
		try (DirectoryReader reader = DirectoryReader.open(this.writer)) {
			return reader.numDocs();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> words(String q) {
		List<String> words = new ArrayList<>();
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
