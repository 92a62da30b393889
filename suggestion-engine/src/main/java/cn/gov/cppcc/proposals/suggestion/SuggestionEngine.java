package cn.gov.cppcc.proposals.suggestion;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Suggests the handling units of a proposal and finds similar earlier proposals, from the
 * Chinese text.
 *
 * <p>
 * Two signals are combined per unit: (a) a BM25 match of the proposal's words against the
 * unit's responsibilities and keywords (the 派单目录), and (b) the votes of the most similar
 * past proposals (nearest neighbours by tf-idf cosine over an index of every assignment
 * learned), each voting for its lead unit and, less, for its co-handling units. The votes
 * weigh more the closer the nearest past proposal is. The top unit is the LEAD; the next
 * ones scoring at least {@link SuggestionSettings#coThreshold()} of the lead are CO.
 *
 * <p>
 * Everything is in memory (Lucene {@link ByteBuffersDirectory}). {@link #learn} and
 * {@link #unlearn} take effect before they return; all methods are thread-safe.
 */
public final class SuggestionEngine implements Closeable {

	private static final String F_ID = "id";

	private static final String F_TEXT = "text";

	/**
	 * Character bigrams of the unit text: a fallback for words the segmenter does not
	 * know (断头路, 殡仪馆).
	 */
	private static final String F_BIGRAMS = "bigrams";

	/**
	 * The phrases of the unit text (what stands between 、，；), each one untokenized term:
	 * a proposal containing the phrase matches it whatever the segmenter makes of it in
	 * either text (it segments 油茶 in a list differently from 油茶产业).
	 */
	private static final String F_PHRASES = "phrases";

	private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,6}");

	private static final Set<String> ID_ONLY = Set.of(F_ID);

	private static final int MAX_MATCHED_WORDS = 6;

	private static final int MAX_SIMILAR_REASONS = 2;

	private final GovTextAnalyzer analyzer;

	private final SuggestionSettings settings;

	private volatile UnitIndex units;

	private final IndexWriter pastWriter;

	private final SearcherManager pastSearchers;

	private final Map<String, Learned> learned = new ConcurrentHashMap<>();

	private final Object writeLock = new Object();

	/** Whether past proposals were learned or forgotten since the reader was reopened. */
	private final AtomicBoolean pastChanged = new AtomicBoolean();

	private volatile IdfCache idfCache;

	private final Map<String, Double> leadPriors;

	public SuggestionEngine() {
		this(new GovTextAnalyzer(), SuggestionSettings.defaults());
	}

	public SuggestionEngine(GovTextAnalyzer analyzer, SuggestionSettings settings) {
		this.analyzer = analyzer;
		this.settings = settings;
		this.leadPriors = UnitDirectory.loadDefaultPriors();
		try {
			this.units = UnitIndex.build(List.of(), analyzer);
			this.pastWriter = new IndexWriter(new ByteBuffersDirectory(),
					new IndexWriterConfig(new WhitespaceAnalyzer()));
			this.pastSearchers = new SearcherManager(this.pastWriter, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Replaces the unit directory (the 派单目录). */
	public void loadUnits(Collection<UnitProfile> profiles) {
		this.units = UnitIndex.build(List.copyOf(profiles), this.analyzer);
	}

	/** The units currently loaded. */
	public List<UnitProfile> units() {
		return this.units.profiles;
	}

	/**
	 * Learns an assignment the committee made: visible to {@link #suggest} and
	 * {@link #similar} when this returns. A proposal learned again under the same id
	 * replaces the earlier version (an upheld objection: the new lead).
	 */
	public void learn(PastProposal proposal) {
		learnAll(List.of(proposal));
	}

	/** Learns many assignments at once (a start-up load), with one index refresh. */
	public void learnAll(Collection<PastProposal> proposals) {
		synchronized (this.writeLock) {
			try {
				for (PastProposal p : proposals) {
					// analyzed once: the index gets the analyzed terms, separated by
					// spaces (whitespace analyzer)
					List<String> titleTerms = this.analyzer.terms(p.title());
					List<String> contentTerms = this.analyzer.terms(p.content());
					Map<String, Double> tf = new LinkedHashMap<>();
					titleTerms.forEach((t) -> tf.merge(t, 2.0, Double::sum));
					contentTerms.forEach((t) -> tf.merge(t, 1.0, Double::sum));
					String text = String.join(" ", titleTerms) + " " + String.join(" ", titleTerms) + " "
							+ String.join(" ", contentTerms);
					Document doc = new Document();
					doc.add(new StringField(F_ID, p.id(), Field.Store.YES));
					doc.add(new TextField(F_TEXT, text, Field.Store.NO));
					this.learned.put(p.id(), new Learned(p, tf));
					this.pastWriter.updateDocument(new Term(F_ID, p.id()), doc);
				}
				this.pastChanged.set(true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Forgets an assignment (before learning the new lead of an upheld objection, or for
	 * a withdrawn one).
	 */
	public void unlearn(String id) {
		synchronized (this.writeLock) {
			try {
				this.pastWriter.deleteDocuments(new Term(F_ID, id));
				this.pastChanged.set(true);
				this.learned.remove(id);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** How many past proposals are learned. */
	public int learnedCount() {
		return this.learned.size();
	}

	/**
	 * Ranked handling units for a proposal: the first is the LEAD, the next ones (scoring
	 * at least the CO threshold share of the lead) are CO; at most {@code limit}.
	 */
	public List<UnitSuggestion> suggest(String title, String content, int limit) {
		UnitIndex unitIndex = this.units;
		if (limit <= 0 || unitIndex.profiles.isEmpty()) {
			return List.of();
		}
		Map<String, Double> queryTf = termFrequencies(title, content);
		if (queryTf.isEmpty()) {
			return List.of();
		}
		// (a) responsibilities
		Map<String, Double> unitScores = unitIndex.score(queryTf, GovTextAnalyzer.normalize(title), content,
				this.settings.maxQueryTerms());
		double maxUnit = unitScores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		// (b) votes of the nearest past proposals
		List<Neighbour> neighbours = nearest(queryTf, null, this.settings.neighbours());
		// each neighbour votes similarity² for its lead (a share of it for its co-units);
		// a unit's vote is its share of all the votes cast plus a smoothing mass, so a
		// few weak or disagreeing neighbours carry little and a clear majority of close
		// ones a lot
		Map<String, Double> votes = new HashMap<>();
		double cast = 0;
		for (Neighbour n : neighbours) {
			double v = n.similarity * n.similarity;
			cast += v;
			votes.merge(n.proposal.leadUnitId(), v, Double::sum);
			for (String co : n.proposal.coUnitIds()) {
				votes.merge(co, v * this.settings.coVoteShare(), Double::sum);
			}
		}
		double voteMass = cast + this.settings.voteSmoothing();
		double maxVote = (voteMass > 0) ? 1.0 : 0;
		double knnWeight = 0;
		if (!neighbours.isEmpty() && cast > 0) {
			double confidence = Math.min(1.0, neighbours.get(0).similarity / this.settings.fullConfidenceSimilarity());
			knnWeight = this.settings.knnWeight() * confidence;
		}
		if (maxUnit <= 0) {
			knnWeight = (cast > 0) ? 1.0 : 0;
		}
		List<Scored> scored = new ArrayList<>();
		double maxMatch = 0;
		for (UnitProfile unit : unitIndex.profiles) {
			double a = (maxUnit > 0) ? unitScores.getOrDefault(unit.unitId(), 0.0) / maxUnit : 0;
			double b = (maxVote > 0) ? votes.getOrDefault(unit.unitId(), 0.0) / voteMass : 0;
			if (b < this.settings.minVoteShare()) {
				b = 0;
			}
			double prior = unit.isCity() ? this.settings.cityPrior()
					: Math.pow(this.leadPriors.getOrDefault(unit.name(), 1.0), this.settings.priorStrength());
			double s = ((1 - knnWeight) * a + knnWeight * b) * prior;
			maxMatch = Math.max(maxMatch, a * prior);
			if (s > 0) {
				scored.add(new Scored(unit, s, a * prior));
			}
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed());
		if (scored.isEmpty()) {
			return List.of();
		}
		double top = scored.get(0).score;
		List<UnitSuggestion> out = new ArrayList<>();
		for (Scored s : scored) {
			if (out.size() >= limit) {
				break;
			}
			boolean lead = out.isEmpty();
			// a CO unit scores at least the threshold share of the lead, or would have on
			// the directory alone: the votes of past proposals can raise a unit, never
			// drop
			// one the directory lists
			if (!lead && s.score < this.settings.coThreshold() * top
					&& s.match < this.settings.coThreshold() * maxMatch) {
				continue;
			}
			out.add(new UnitSuggestion(s.unit.unitId(), s.unit.name(),
					lead ? UnitSuggestion.Role.LEAD : UnitSuggestion.Role.CO, round(s.score),
					reasons(s.unit, unitIndex, queryTf, neighbours)));
		}
		return out;
	}

	/**
	 * Earlier proposals on the same matter, most similar first; {@code excludeId} (the
	 * proposal itself) is left out.
	 */
	public List<SimilarProposal> similar(String title, String content, String excludeId, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		Map<String, Double> queryTf = termFrequencies(title, content);
		if (queryTf.isEmpty()) {
			return List.of();
		}
		return nearest(queryTf, excludeId, limit).stream()
			.map((n) -> new SimilarProposal(n.proposal.id(), n.proposal.title(), n.proposal.sessionLabel(),
					round(n.similarity), n.proposal.leadUnitId(), n.proposal.outcome()))
			.toList();
	}

	@Override
	public void close() {
		try {
			this.pastSearchers.close();
			this.pastWriter.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> reasons(UnitProfile unit, UnitIndex unitIndex, Map<String, Double> queryTf,
			List<Neighbour> neighbours) {
		List<String> reasons = new ArrayList<>();
		List<String> words = unitIndex.matchedWords(unit.unitId(), queryTf, MAX_MATCHED_WORDS);
		if (!words.isEmpty()) {
			reasons.add("职责匹配：" + String.join("、", words.stream().map(this.analyzer::display).distinct().toList()));
		}
		int similarReasons = 0;
		for (Neighbour n : neighbours) {
			if (similarReasons >= MAX_SIMILAR_REASONS) {
				break;
			}
			PastProposal p = n.proposal;
			String how = unit.unitId().equals(p.leadUnitId()) ? "主办"
					: (p.coUnitIds().contains(unit.unitId()) ? "协办" : null);
			if (how != null) {
				reasons.add("相似提案「" + p.title() + "」(" + label(p) + ") 由该单位" + how);
				similarReasons++;
			}
		}
		return reasons;
	}

	private static String label(PastProposal p) {
		String session = (p.sessionLabel() == null) ? "" : p.sessionLabel();
		if (NUMERIC_ID.matcher(p.id()).matches()) {
			String number = (p.id().length() < 4) ? "0".repeat(4 - p.id().length()) + p.id() : p.id();
			return session + "第" + number + "号";
		}
		return session.isEmpty() ? p.id() : session + " " + p.id();
	}

	/**
	 * Term frequencies of a proposal, title words counted twice: the title states the
	 * matter.
	 */
	Map<String, Double> termFrequencies(String title, String content) {
		Map<String, Double> tf = new LinkedHashMap<>();
		for (String t : this.analyzer.terms(title)) {
			tf.merge(t, 2.0, Double::sum);
		}
		for (String t : this.analyzer.terms(content)) {
			tf.merge(t, 1.0, Double::sum);
		}
		return tf;
	}

	private List<Neighbour> nearest(Map<String, Double> queryTf, String excludeId, int k) {
		IndexSearcher searcher;
		try {
			refreshIfChanged();
			searcher = this.pastSearchers.acquire();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			IndexReader reader = searcher.getIndexReader();
			if (reader.numDocs() == 0) {
				return List.of();
			}
			IdfCache idf = idfCache(reader);
			Map<String, Double> queryVector = weigh(queryTf, idf);
			List<Map.Entry<String, Double>> strongest = new ArrayList<>(queryVector.entrySet());
			strongest.sort(Map.Entry.<String, Double>comparingByValue().reversed());
			BooleanQuery.Builder q = new BooleanQuery.Builder();
			int n = 0;
			for (Map.Entry<String, Double> e : strongest) {
				if (n++ >= this.settings.maxQueryTerms() || e.getValue() <= 0) {
					break;
				}
				Query tq = new TermQuery(new Term(F_TEXT, e.getKey()));
				q.add(new BoostQuery(tq, (float) Math.sqrt(queryTf.get(e.getKey()))), BooleanClause.Occur.SHOULD);
			}
			TopDocs top = searcher.search(q.build(), this.settings.candidates() + 1);
			double queryNorm = norm(queryVector);
			List<Neighbour> out = new ArrayList<>();
			StoredFields stored = searcher.storedFields();
			for (ScoreDoc sd : top.scoreDocs) {
				String id = stored.document(sd.doc, ID_ONLY).get(F_ID);
				Learned l = this.learned.get(id);
				if (l == null || id.equals(excludeId)) {
					continue;
				}
				double sim = cosine(queryVector, queryNorm, l.tf, idf);
				if (sim >= this.settings.minSimilarity()) {
					out.add(new Neighbour(l.proposal, sim));
				}
			}
			out.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
			return (out.size() > k) ? List.copyOf(out.subList(0, k)) : out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				this.pastSearchers.release(searcher);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Reopens the reader of past proposals if something was learned or forgotten since it
	 * was opened, so that a search sees every change made before it. Done here rather
	 * than after each change: reopening flushes the writer's buffer into a new segment
	 * (and makes a new IDF cache), and assignments in a row now share one reopen.
	 */
	private void refreshIfChanged() throws IOException {
		if (this.pastChanged.getAndSet(false)) {
			try {
				this.pastSearchers.maybeRefreshBlocking();
			}
			catch (IOException | RuntimeException ex) {
				this.pastChanged.set(true);
				throw ex;
			}
		}
	}

	private IdfCache idfCache(IndexReader reader) {
		IdfCache cache = this.idfCache;
		if (cache == null || cache.reader != reader) {
			cache = new IdfCache(reader);
			this.idfCache = cache;
		}
		return cache;
	}

	private static Map<String, Double> weigh(Map<String, Double> tf, IdfCache idf) {
		Map<String, Double> v = new HashMap<>();
		tf.forEach((t, f) -> v.put(t, (1 + Math.log(f)) * idf.idf(t)));
		return v;
	}

	private static double norm(Map<String, Double> v) {
		double s = 0;
		for (double x : v.values()) {
			s += x * x;
		}
		return Math.sqrt(s);
	}

	private static double cosine(Map<String, Double> query, double queryNorm, Map<String, Double> docTf, IdfCache idf) {
		double dot = 0;
		double docNorm = 0;
		for (Map.Entry<String, Double> e : docTf.entrySet()) {
			double w = (1 + Math.log(e.getValue())) * idf.idf(e.getKey());
			docNorm += w * w;
			Double q = query.get(e.getKey());
			if (q != null) {
				dot += q * w;
			}
		}
		return (dot == 0) ? 0 : dot / (queryNorm * Math.sqrt(docNorm));
	}

	private static double round(double v) {
		return Math.round(v * 10000.0) / 10000.0;
	}

	private record Learned(PastProposal proposal, Map<String, Double> tf) {
	}

	private record Neighbour(PastProposal proposal, double similarity) {
	}

	private record Scored(UnitProfile unit, double score, double match) {
	}

	/**
	 * Inverse document frequencies of one index generation (words unknown to the index
	 * get the highest).
	 */
	private static final class IdfCache {

		private final IndexReader reader;

		private final Map<String, Double> values = new ConcurrentHashMap<>();

		private final int numDocs;

		IdfCache(IndexReader reader) {
			this.reader = reader;
			this.numDocs = reader.numDocs();
		}

		double idf(String term) {
			return this.values.computeIfAbsent(term, (t) -> {
				try {
					// smoothed so that a small index (a new installation) still gives
					// sensible similarities
					int df = this.reader.docFreq(new Term(F_TEXT, t));
					return Math.log(1 + (this.numDocs + 1.0) / (df + 1.0));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}

	}

	/**
	 * The units, indexed for BM25 matching of their responsibilities; immutable, replaced
	 * as a whole.
	 */
	private static final class UnitIndex {

		/**
		 * Weak length normalization: a unit's text is long because the unit does many
		 * things, not because it is verbose, so short texts (网信办, 档案局) must not win on
		 * one common word.
		 */
		private static final BM25Similarity UNIT_SIMILARITY = new BM25Similarity(1.2f, 0.3f);

		private static final float BIGRAM_WEIGHT = 0.3f;

		private static final float PHRASE_WEIGHT = 1.0f;

		private static final Pattern BOILERPLATE = Pattern
			.compile("关于|建议|提案|议案|进一步|加强|加快|推进|推动|完善|健全|提升|提高|促进|支持|我省|我市|全省|全市|我县|全县|工作|问题|的");

		private static final Analyzer BIGRAM_ANALYZER = new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer tokenizer = new StandardTokenizer();
				return new TokenStreamComponents(tokenizer, new CJKBigramFilter(tokenizer, CJKBigramFilter.HAN, false));
			}
		};

		static List<String> bigrams(String text) {
			List<String> out = new ArrayList<>();
			if (text == null || text.isBlank()) {
				return out;
			}
			// the words every title has would otherwise match every unit
			String stripped = BOILERPLATE.matcher(text).replaceAll(" ");
			try (TokenStream ts = BIGRAM_ANALYZER.tokenStream(F_BIGRAMS, stripped)) {
				CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
				ts.reset();
				while (ts.incrementToken()) {
					String t = term.toString();
					if (t.length() == 2 && !out.contains(t)) {
						out.add(t);
					}
				}
				ts.end();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return out;
		}

		private final List<UnitProfile> profiles;

		private final IndexSearcher searcher;

		private final Map<String, Set<String>> termsByUnit;

		private final Map<Integer, String> unitIdByDoc;

		private final Set<String> phrases;

		private final int maxPhraseLength;

		private UnitIndex(List<UnitProfile> profiles, IndexSearcher searcher, Map<String, Set<String>> termsByUnit,
				Map<Integer, String> unitIdByDoc, Set<String> phrases) {
			this.phrases = phrases;
			this.maxPhraseLength = phrases.stream().mapToInt(String::length).max().orElse(0);
			this.profiles = profiles;
			this.searcher = searcher;
			this.termsByUnit = termsByUnit;
			this.unitIdByDoc = unitIdByDoc;
		}

		private static final Pattern PHRASE_SEPARATORS = Pattern.compile("[、，,；;。：:（）()\\s/“”\"]+");

		private static final int MIN_PHRASE = 2;

		private static final int MAX_PHRASE = 10;

		/**
		 * The unit's phrases: its name, keywords and the items of its responsibilities.
		 */
		static Set<String> phrasesOf(UnitProfile u) {
			Set<String> out = new java.util.LinkedHashSet<>();
			String text = GovTextAnalyzer
				.normalize(u.name() + "。" + u.responsibilities() + "。" + String.join("、", u.keywords()));
			for (String p : PHRASE_SEPARATORS.split(text)) {
				String phrase = p.strip().toLowerCase(java.util.Locale.ROOT);
				if (phrase.length() >= MIN_PHRASE && phrase.length() <= MAX_PHRASE) {
					out.add(phrase);
				}
			}
			return out;
		}

		/**
		 * The directory phrases found in a text, longest first where they overlap: a
		 * phrase inside a longer found one (农村 in 农村公路) is left out.
		 */
		List<String> phrasesIn(String text) {
			List<String> found = new ArrayList<>();
			if (text == null || text.isEmpty() || this.phrases.isEmpty()) {
				return found;
			}
			String t = GovTextAnalyzer.normalize(text).toLowerCase(java.util.Locale.ROOT);
			int n = t.length();
			int coveredTo = -1;
			for (int i = 0; i < n; i++) {
				int best = 0;
				for (int len = Math.min(this.maxPhraseLength, n - i); len >= MIN_PHRASE; len--) {
					if (this.phrases.contains(t.substring(i, i + len))) {
						best = len;
						break;
					}
				}
				if (best > 0 && i + best > coveredTo) {
					found.add(t.substring(i, i + best));
					coveredTo = i + best;
				}
			}
			return found;
		}

		static UnitIndex build(List<UnitProfile> profiles, GovTextAnalyzer analyzer) {
			try {
				ByteBuffersDirectory dir = new ByteBuffersDirectory();
				Map<String, Set<String>> termsByUnit = new HashMap<>();
				Set<String> allPhrases = new java.util.HashSet<>();
				Analyzer perField = new PerFieldAnalyzerWrapper(analyzer, Map.of(F_BIGRAMS, BIGRAM_ANALYZER));
				IndexWriterConfig config = new IndexWriterConfig(perField).setSimilarity(UNIT_SIMILARITY);
				try (IndexWriter w = new IndexWriter(dir, config)) {
					for (UnitProfile u : profiles) {
						String keywords = String.join("，", u.keywords());
						// the name and the keywords are the strongest hints: counted
						// twice
						String text = GovTextAnalyzer.normalize(u.name() + "。" + u.name() + "。" + u.responsibilities()
								+ "。" + keywords + "。" + keywords);
						Document doc = new Document();
						doc.add(new StringField(F_ID, u.unitId(), Field.Store.YES));
						doc.add(new TextField(F_TEXT, text, Field.Store.NO));
						doc.add(new TextField(F_BIGRAMS,
								GovTextAnalyzer.normalize(u.name() + "。" + u.responsibilities() + "。" + keywords),
								Field.Store.NO));
						for (String phrase : phrasesOf(u)) {
							doc.add(new StringField(F_PHRASES, phrase, Field.Store.NO));
							allPhrases.add(phrase);
						}
						w.addDocument(doc);
						termsByUnit.put(u.unitId(), Set.copyOf(analyzer.terms(text)));
					}
				}
				DirectoryReader reader = DirectoryReader.open(dir);
				IndexSearcher searcher = new IndexSearcher(reader);
				searcher.setSimilarity(UNIT_SIMILARITY);
				Map<Integer, String> byDoc = new HashMap<>();
				for (int d = 0; d < reader.maxDoc(); d++) {
					byDoc.put(d, searcher.storedFields().document(d).get(F_ID));
				}
				return new UnitIndex(profiles, searcher, termsByUnit, byDoc, Set.copyOf(allPhrases));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		Map<String, Double> score(Map<String, Double> queryTf, String title, String content, int maxTerms) {
			Map<String, Double> scores = new HashMap<>();
			if (this.profiles.isEmpty()) {
				return scores;
			}
			List<Map.Entry<String, Double>> terms = new ArrayList<>(queryTf.entrySet());
			terms.sort(Map.Entry.<String, Double>comparingByValue().reversed());
			BooleanQuery.Builder q = new BooleanQuery.Builder();
			int n = 0;
			for (Map.Entry<String, Double> e : terms) {
				if (n++ >= maxTerms) {
					break;
				}
				q.add(new BoostQuery(new TermQuery(new Term(F_TEXT, e.getKey())), (float) Math.sqrt(e.getValue())),
						BooleanClause.Occur.SHOULD);
			}
			BooleanQuery.Builder bigrams = new BooleanQuery.Builder();
			int nb = 0;
			for (String bigram : bigrams(title)) {
				if (nb++ >= maxTerms) {
					break;
				}
				bigrams.add(new TermQuery(new Term(F_BIGRAMS, bigram)), BooleanClause.Occur.SHOULD);
			}
			if (nb > 0) {
				q.add(new BoostQuery(bigrams.build(), BIGRAM_WEIGHT), BooleanClause.Occur.SHOULD);
			}
			Map<String, Double> phraseTf = new LinkedHashMap<>();
			phrasesIn(title).forEach((p) -> phraseTf.merge(p, 2.0, Double::sum));
			phrasesIn(content).forEach((p) -> phraseTf.merge(p, 1.0, Double::sum));
			int np = 0;
			for (Map.Entry<String, Double> e : phraseTf.entrySet()) {
				if (np++ >= maxTerms) {
					break;
				}
				q.add(new BoostQuery(new TermQuery(new Term(F_PHRASES, e.getKey())),
						(float) (PHRASE_WEIGHT * Math.sqrt(e.getValue()))), BooleanClause.Occur.SHOULD);
			}
			try {
				TopDocs top = this.searcher.search(q.build(), this.profiles.size());
				for (ScoreDoc sd : top.scoreDocs) {
					scores.put(this.unitIdByDoc.get(sd.doc), (double) sd.score);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return scores;
		}

		/**
		 * The proposal's words found in the unit's responsibilities, the most distinctive
		 * first.
		 */
		List<String> matchedWords(String unitId, Map<String, Double> queryTf, int max) {
			Set<String> unitTerms = this.termsByUnit.getOrDefault(unitId, Set.of());
			IndexReader reader = this.searcher.getIndexReader();
			int numDocs = reader.numDocs();
			List<Map.Entry<String, Double>> matched = new ArrayList<>();
			for (Map.Entry<String, Double> e : queryTf.entrySet()) {
				if (unitTerms.contains(e.getKey())) {
					try {
						int df = reader.docFreq(new Term(F_TEXT, e.getKey()));
						double idf = Math.log(1 + (numDocs - df + 0.5) / (df + 0.5));
						matched.add(Map.entry(e.getKey(), Math.sqrt(e.getValue()) * idf));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
			matched.sort(Map.Entry.<String, Double>comparingByValue().reversed());
			return matched.stream().limit(max).map(Map.Entry::getKey).toList();
		}

	}

}
