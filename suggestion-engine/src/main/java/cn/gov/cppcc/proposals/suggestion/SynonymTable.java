package cn.gov.cppcc.proposals.suggestion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Groups of words that mean the same thing in government work (发改/发展改革/发改委 ...). Every
 * variant of a group is replaced, before segmentation, by one ASCII token of the group,
 * so that the Chinese segmenter cannot split the variants differently and 发改 matches
 * 发展改革. The first word of a line is the group's display form.
 *
 * <p>
 * File format (UTF-8): one group per line, words separated by commas; {@code #} starts a
 * comment.
 */
final class SynonymTable {

	static final String DEFAULT_RESOURCE = "synonyms-zh.txt";

	private static final String TOKEN_PREFIX = "zqx";

	private final NormalizeCharMap charMap;

	private final Map<String, String> displayByToken;

	private final Map<String, String> tokenByVariant;

	private SynonymTable(List<List<String>> groups) {
		NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
		Map<String, String> display = new HashMap<>();
		Map<String, String> byVariant = new LinkedHashMap<>();
		for (int i = 0; i < groups.size(); i++) {
			List<String> group = groups.get(i);
			String token = TOKEN_PREFIX + letters(i);
			display.put(token, group.get(0));
			for (String variant : group) {
				if (byVariant.putIfAbsent(variant, token) == null) {
					// spaces keep the token apart from the Chinese text around it
					builder.add(variant, " " + token + " ");
				}
			}
		}
		this.charMap = builder.build();
		this.displayByToken = Collections.unmodifiableMap(display);
		this.tokenByVariant = Collections.unmodifiableMap(byVariant);
	}

	static SynonymTable load(String resource) {
		try (InputStream in = SynonymTable.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("synonym resource not found: " + resource);
			}
			return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static SynonymTable parse(BufferedReader reader) throws IOException {
		List<List<String>> groups = new ArrayList<>();
		String line;
		while ((line = reader.readLine()) != null) {
			int hash = line.indexOf('#');
			if (hash >= 0) {
				line = line.substring(0, hash);
			}
			List<String> words = new ArrayList<>();
			for (String word : line.split("[,，]")) {
				String w = word.strip();
				if (!w.isEmpty()) {
					words.add(w);
				}
			}
			if (words.size() >= 2) {
				groups.add(words);
			}
		}
		return new SynonymTable(groups);
	}

	NormalizeCharMap charMap() {
		return this.charMap;
	}

	/**
	 * The word to show a person for an analyzed term: the group's first word for a
	 * synonym token.
	 */
	String display(String term) {
		return this.displayByToken.getOrDefault(term, term);
	}

	/** The group token for a variant, or null when the word is in no group. */
	String tokenFor(String variant) {
		return this.tokenByVariant.get(variant);
	}

	int size() {
		return this.displayByToken.size();
	}

	private static String letters(int n) {
		StringBuilder sb = new StringBuilder();
		int v = n;
		do {
			sb.append((char) ('a' + v % 26));
			v /= 26;
		}
		while (v > 0);
		return sb.reverse().toString();
	}

}
