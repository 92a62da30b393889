package cn.gov.cppcc.proposals.suggestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures the suggester on real proposals and the unit that actually led their handling
 * ({@code src/test/resources/eval/labelled.tsv}, sources in the file): top-1 and top-3
 * accuracy of {@link SuggestionEngine#suggest} exactly as the API would call it (limit
 * 3), and the confusions. The blind part (round 2, provinces with an odd code, see the
 * file) was never used for tuning: only its figures are printed unless {@code main} is
 * given {@code blind}. Run {@code main} or {@code EvaluationTest}.
 */
public final class Evaluation {

	static final String LABELLED = "/eval/labelled.tsv";

	/**
	 * The file's note that a title is paraphrased by the source report: documentation,
	 * not part of the title (its words would make every paraphrased item similar to the
	 * others).
	 */
	static final java.util.regex.Pattern PARAPHRASE_MARK = java.util.regex.Pattern.compile("\\(题目据[^)]*概括\\)");

	/** One labelled item. */
	record Item(String split, String kind, String title, String content, String lead, String originalLead,
			String reference, String url) {
	}

	/** Result of one run. */
	record Result(String name, int n, int top1, int top3, List<String> confusions) {

		double top1Rate() {
			return (this.n == 0) ? 0 : (double) this.top1 / this.n;
		}

		double top3Rate() {
			return (this.n == 0) ? 0 : (double) this.top3 / this.n;
		}

		String summary() {
			return String.format(Locale.ROOT, "%-46s n=%3d  top-1 %5.1f%% (%d)  top-3 %5.1f%% (%d)", this.name, this.n,
					100 * top1Rate(), this.top1, 100 * top3Rate(), this.top3);
		}

	}

	private Evaluation() {
	}

	public static void main(String[] args) {
		List<Result> all = runAll();
		for (Result r : all) {
			System.out.println(r.summary());
		}
		System.out.println();
		// tuning looks at the tunable confusions only; "blind" shows the blind ones (done
		// once, after tuning: README)
		String which = (args.length > 0) ? args[0] : "tune";
		Result main = switch (which) {
			case "blind" -> all.get(BLIND);
			case "dev2" -> all.get(DEV2);
			case "fresh3" -> all.get(FRESH3);
			case "fresh4" -> all.get(FRESH4);
			case "fresh5" -> all.get(FRESH5);
			default -> all.get(TUNE);
		};
		System.out.println("Confusions (" + main.name() + "):");
		main.confusions().forEach((c) -> System.out.println("  " + c));
	}

	/** Index in {@link #runAll()} of every item that may be tuned on. */
	static final int TUNE = 0;

	/** Index in {@link #runAll()} of the round-2 tunable items. */
	static final int DEV2 = 1;

	/** Index in {@link #runAll()} of the blind items (never tuned on). */
	static final int BLIND = 2;

	/**
	 * Index in {@link #runAll()} of the items collected after the round-2 engine was
	 * frozen.
	 */
	static final int FRESH3 = 5;

	/**
	 * Index in {@link #runAll()} of the items collected after the round-2 engine for
	 * round 3 (committed before their single evaluation).
	 */
	static final int FRESH4 = 12;

	/**
	 * Index in {@link #runAll()} of the items collected after the round-3 engine was
	 * frozen (commit 9794847; committed before their single evaluation).
	 */
	static final int FRESH5 = 16;

	/**
	 * Splits that may be tuned on in round 3: everything evaluated before it (blind and
	 * fresh3 included, README). fresh4 (evaluated once before round 3) and fresh5
	 * (collected after the round-3 freeze) are not.
	 */
	static boolean tunable(Item i) {
		return !i.split().equals("fresh4") && !i.split().equals("fresh5");
	}

	static List<Result> runAll() {
		List<UnitProfile> units = UnitDirectory.loadDefault();
		List<Item> items = load();
		List<Item> tune = items.stream().filter(Evaluation::tunable).toList();
		List<Item> dev2 = items.stream().filter((i) -> i.split().equals("dev2")).toList();
		List<Item> blind = items.stream().filter((i) -> i.split().equals("blind")).toList();
		List<Item> fresh3 = items.stream().filter((i) -> i.split().equals("fresh3")).toList();
		List<Item> fresh4 = items.stream().filter((i) -> i.split().equals("fresh4")).toList();
		List<Item> fresh5 = items.stream().filter((i) -> i.split().equals("fresh5")).toList();
		List<Result> results = new ArrayList<>();
		try (SuggestionEngine cold = new SuggestionEngine()) {
			cold.loadUnits(units);
			results.add(run("TUNABLE (all but fresh4/fresh5), directory only", cold, units, tune));
			results.add(run("DEV2 (round 2, tunable), directory only", cold, units, dev2));
			results.add(run("BLIND, directory only", cold, units, blind));
			results.add(run("BLIND CPPCC only, directory only", cold, units,
					blind.stream().filter((i) -> i.kind().equals("CPPCC")).toList()));
			results.add(run("BLIND NPC only, directory only", cold, units,
					blind.stream().filter((i) -> i.kind().equals("NPC")).toList()));
			results.add(run("FRESH3 (after the round-2 freeze), directory only", cold, units, fresh3));
			for (String split : List.of("dev", "heldout", "fresh", "fresh2")) {
				results.add(run("round 1 " + split + " (seen), directory only", cold, units,
						items.stream().filter((i) -> i.split().equals(split)).toList()));
			}
		}
		try (SuggestionEngine warm = new SuggestionEngine()) {
			warm.loadUnits(units);
			// what the committee would have assigned before: every item tunable in round
			// 2
			// (not blind, fresh3 or later) learned as a past assignment
			List<Item> round2 = items.stream()
				.filter((i) -> tunable(i) && !i.split().equals("blind") && !i.split().equals("fresh3"))
				.toList();
			learnAll(warm, units, round2, "tune-");
			results
				.add(run("BLIND, after learning the " + round2.size() + " round-2 tunable items", warm, units, blind));
			results.add(
					run("FRESH3, after learning the " + round2.size() + " round-2 tunable items", warm, units, fresh3));
		}
		try (SuggestionEngine cold = new SuggestionEngine()) {
			cold.loadUnits(units);
			results.add(run("FRESH4 (round 3, unseen), directory only", cold, units, fresh4));
			results.add(run("FRESH4 CPPCC only, directory only", cold, units,
					fresh4.stream().filter((i) -> i.kind().equals("CPPCC")).toList()));
			results.add(run("FRESH4 NPC only, directory only", cold, units,
					fresh4.stream().filter((i) -> i.kind().equals("NPC")).toList()));
		}
		try (SuggestionEngine warm = new SuggestionEngine()) {
			warm.loadUnits(units);
			learnAll(warm, units, tune, "tune-");
			results.add(run("FRESH4, after learning the " + tune.size() + " tunable items", warm, units, fresh4));
		}
		try (SuggestionEngine cold = new SuggestionEngine()) {
			cold.loadUnits(units);
			results.add(run("FRESH5 (after the round-3 freeze), directory only", cold, units, fresh5));
			results.add(run("FRESH5 CPPCC only, directory only", cold, units,
					fresh5.stream().filter((i) -> i.kind().equals("CPPCC")).toList()));
			results.add(run("FRESH5 NPC only, directory only", cold, units,
					fresh5.stream().filter((i) -> i.kind().equals("NPC")).toList()));
		}
		try (SuggestionEngine warm = new SuggestionEngine()) {
			warm.loadUnits(units);
			learnAll(warm, units, tune, "tune-");
			results.add(run("FRESH5, after learning the " + tune.size() + " tunable items", warm, units, fresh5));
			// the deployed system would also have learned fresh4 by then
			learnAll(warm, units, fresh4, "fresh4-");
			results.add(run("FRESH5, after learning those and the " + fresh4.size() + " fresh4 items", warm, units,
					fresh5));
		}
		return results;
	}

	private static void learnAll(SuggestionEngine engine, List<UnitProfile> units, List<Item> items, String prefix) {
		int n = 0;
		for (Item i : items) {
			String leadId = UnitDirectory.byName(units, i.lead()).orElseThrow().unitId();
			engine.learn(
					new PastProposal(prefix + (++n), i.title(), i.content(), i.reference(), leadId, List.of(), null));
		}
	}

	static Result run(String name, SuggestionEngine engine, List<UnitProfile> units, List<Item> items) {
		Map<String, String> nameById = units.stream().collect(Collectors.toMap(UnitProfile::unitId, UnitProfile::name));
		int top1 = 0;
		int top3 = 0;
		List<String> confusions = new ArrayList<>();
		for (Item item : items) {
			List<UnitSuggestion> s = engine.suggest(item.title(), item.content(), 3);
			List<String> names = s.stream().map((u) -> nameById.get(u.unitId())).toList();
			boolean first = !names.isEmpty() && names.get(0).equals(item.lead());
			boolean inTop3 = names.contains(item.lead());
			top1 += first ? 1 : 0;
			top3 += inTop3 ? 1 : 0;
			if (!first) {
				confusions.add((inTop3 ? "[top3] " : "[miss] ") + item.title() + " — expected " + item.lead() + ", got "
						+ names);
			}
		}
		return new Result(name, items.size(), top1, top3, confusions);
	}

	static List<Item> load() {
		try (InputStream in = Evaluation.class.getResourceAsStream(LABELLED)) {
			if (in == null) {
				throw new IllegalStateException(LABELLED + " not on the classpath");
			}
			List<Item> items = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] c = line.split("\t", -1);
				items.add(new Item(c[0], c[1], PARAPHRASE_MARK.matcher(c[2]).replaceAll(""), c[3], c[4], c[5], c[6],
						c[7]));
			}
			return items;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
