package cn.gov.cppcc.proposals.suggestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Chinese analyzer for proposals and unit responsibilities: the government-work synonym
 * layer (a char filter, see {@link SynonymTable}), Lucene smartcn's HMM segmenter, lower
 * case, and smartcn's stop words plus the words every proposal uses (关于, 建议, 加快, 我省 ...)
 * which say nothing about who should handle it. No Porter stemming: the synonym tokens
 * are ASCII and must stay intact.
 */
public final class GovTextAnalyzer extends Analyzer {

	static final String DEFAULT_STOPWORDS = "stopwords-zh.txt";

	private final SynonymTable synonyms;

	private final CharArraySet stopWords;

	/** The analyzer with the bundled synonym list and stop words. */
	public GovTextAnalyzer() {
		this(SynonymTable.load(SynonymTable.DEFAULT_RESOURCE), loadStopWords(DEFAULT_STOPWORDS));
	}

	GovTextAnalyzer(SynonymTable synonyms, CharArraySet stopWords) {
		this.synonyms = synonyms;
		this.stopWords = stopWords;
	}

	@Override
	protected Reader initReader(String fieldName, Reader reader) {
		return new MappingCharFilter(this.synonyms.charMap(), reader);
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		Tokenizer tokenizer = new HMMChineseTokenizer();
		TokenStream stream = new LowerCaseFilter(tokenizer);
		stream = new StopFilter(stream, this.stopWords);
		// single characters are what the segmenter leaves of unknown names (前山崀 -> 前, 山,
		// 崀); they match
		// everything and nothing
		stream = new LengthFilter(stream, 2, Integer.MAX_VALUE);
		return new TokenStreamComponents(tokenizer, stream);
	}

	/** The analyzed terms of a text, in order, duplicates kept. */
	public List<String> terms(String text) {
		List<String> out = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return out;
		}
		try (TokenStream ts = tokenStream("text", normalize(text))) {
			CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
			ts.reset();
			while (ts.incrementToken()) {
				if (term.length() > 0) {
					out.add(term.toString());
				}
			}
			ts.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out;
	}

	/**
	 * Full-width digits and letters (１２３４５) to half-width, so that the 12345 group
	 * matches.
	 */
	static String normalize(String text) {
		return (text == null) ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC);
	}

	/**
	 * The word to show a person for an analyzed term (a synonym token shows as its
	 * group's first word).
	 */
	public String display(String term) {
		return this.synonyms.display(term);
	}

	SynonymTable synonyms() {
		return this.synonyms;
	}

	static CharArraySet loadStopWords(String resource) {
		CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
		try (InputStream in = GovTextAnalyzer.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("stop word resource not found: " + resource);
			}
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				int hash = line.indexOf('#');
				String word = ((hash >= 0) ? line.substring(0, hash) : line).strip();
				if (!word.isEmpty()) {
					set.add(word);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return CharArraySet.unmodifiableSet(set);
	}

}
