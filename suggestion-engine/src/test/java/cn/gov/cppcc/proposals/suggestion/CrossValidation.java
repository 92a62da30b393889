package cn.gov.cppcc.proposals.suggestion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures whether learning past assignments helps, by k-fold cross-validation on the
 * tunable labelled items ({@link Evaluation#tunable}): the items are shuffled (fixed
 * seeds), cut into k folds, and each fold is suggested for by an engine that has learned
 * every other fold as past assignments (lead only, as {@link Evaluation} does). The
 * directory-only figure is the same engine with nothing learned. Repeated over several
 * shuffles, the figures are the totals over all of them. fresh4 and fresh5 are never
 * used. Run {@code main} (optionally {@code k} and the number of shuffles).
 */
public final class CrossValidation {

	private CrossValidation() {
	}

	/** Totals of one configuration. */
	record Score(int n, int top1, int top3) {

		String format() {
			return String.format(Locale.ROOT, "n=%4d  top-1 %5.1f%%  top-3 %5.1f%%", this.n, 100.0 * this.top1 / this.n,
					100.0 * this.top3 / this.n);
		}

	}

	/**
	 * Arguments: {@code k shuffles [name=value ...]}, where each name is a
	 * {@link SuggestionSettings} component overriding the default; several values
	 * separated by {@code ,} are tried one after the other.
	 */
	public static void main(String[] args) throws ReflectiveOperationException {
		int k = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int shuffles = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		List<SuggestionSettings> variants = new ArrayList<>(List.of(SuggestionSettings.defaults()));
		for (int a = 2; a < args.length; a++) {
			String[] kv = args[a].split("=", 2);
			List<SuggestionSettings> next = new ArrayList<>();
			for (SuggestionSettings base : variants) {
				for (String value : kv[1].split(",")) {
					next.add(with(base, kv[0], value));
				}
			}
			variants = next;
		}
		for (SuggestionSettings settings : variants) {
			Score[] s = run(settings, k, shuffles);
			System.out.println(settings);
			System.out.println("  directory only        " + s[0].format());
			System.out.println("  learned other folds   " + s[1].format());
		}
	}

	static SuggestionSettings with(SuggestionSettings base, String name, String value)
			throws ReflectiveOperationException {
		java.lang.reflect.RecordComponent[] components = SuggestionSettings.class.getRecordComponents();
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		boolean found = false;
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			values[i] = components[i].getAccessor().invoke(base);
			if (components[i].getName().equals(name)) {
				values[i] = (types[i] == int.class) ? (Object) Integer.parseInt(value)
						: (Object) Double.parseDouble(value);
				found = true;
			}
		}
		if (!found) {
			throw new IllegalArgumentException("no setting " + name);
		}
		return SuggestionSettings.class.getDeclaredConstructor(types).newInstance(values);
	}

	/**
	 * [0] directory only over the tunable items, [1] each item suggested for after
	 * learning the other folds, summed over the shuffles.
	 */
	static Score[] run(SuggestionSettings settings, int k, int shuffles) {
		List<UnitProfile> units = UnitDirectory.loadDefault();
		List<Evaluation.Item> items = Evaluation.load().stream().filter(Evaluation::tunable).toList();
		Score cold;
		try (SuggestionEngine engine = new SuggestionEngine(new GovTextAnalyzer(), settings)) {
			engine.loadUnits(units);
			Evaluation.Result r = Evaluation.run("cold", engine, units, items);
			cold = new Score(r.n() * shuffles, r.top1() * shuffles, r.top3() * shuffles);
		}
		int n = 0;
		int top1 = 0;
		int top3 = 0;
		for (int seed = 1; seed <= shuffles; seed++) {
			List<Evaluation.Item> shuffled = new ArrayList<>(items);
			Collections.shuffle(shuffled, new Random(seed));
			for (int fold = 0; fold < k; fold++) {
				List<Evaluation.Item> test = new ArrayList<>();
				List<Evaluation.Item> train = new ArrayList<>();
				for (int i = 0; i < shuffled.size(); i++) {
					((i % k == fold) ? test : train).add(shuffled.get(i));
				}
				try (SuggestionEngine engine = new SuggestionEngine(new GovTextAnalyzer(), settings)) {
					engine.loadUnits(units);
					List<PastProposal> past = new ArrayList<>();
					int id = 0;
					for (Evaluation.Item i : train) {
						String lead = UnitDirectory.byName(units, i.lead()).orElseThrow().unitId();
						past.add(new PastProposal("cv-" + (++id), i.title(), i.content(), i.reference(), lead,
								List.of(), null));
					}
					engine.learnAll(past);
					Evaluation.Result r = Evaluation.run("fold", engine, units, test);
					n += r.n();
					top1 += r.top1();
					top3 += r.top3();
				}
			}
		}
		return new Score[] { cold, new Score(n, top1, top3) };
	}

}
