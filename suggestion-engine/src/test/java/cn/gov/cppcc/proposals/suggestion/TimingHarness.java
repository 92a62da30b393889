package cn.gov.cppcc.proposals.suggestion;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how long {@link SuggestionEngine#suggest} and {@link SuggestionEngine#similar}
 * take with 15,000 past proposals indexed (ten years of a province, DOMAIN.md). The
 * proposals are generated from the units' keywords, so their text is government
 * vocabulary of realistic length. No JMH: a warm-up, then percentiles of wall time. Run
 * {@code main} (optionally with the number of proposals) or {@code TimingHarnessTest}.
 */
public final class TimingHarness {

	private static final String[] OPENINGS = { "关于加快", "关于进一步加强", "关于推进", "关于完善", "关于支持", "关于规范", "关于提升" };

	private static final String[] ENDINGS = { "的提案", "的建议", "工作的提案", "建设的建议" };

	private TimingHarness() {
	}

	public static void main(String[] args) {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 15_000;
		run(n, 2_000).forEach(System.out::println);
	}

	static List<String> run(int proposals, int queries) {
		List<UnitProfile> units = UnitDirectory.loadDefault();
		Random random = new Random(42);
		List<String> out = new ArrayList<>();
		try (SuggestionEngine engine = new SuggestionEngine()) {
			engine.loadUnits(units);
			List<PastProposal> past = new ArrayList<>(proposals);
			for (int i = 0; i < proposals; i++) {
				UnitProfile lead = units.get(random.nextInt(units.size()));
				past.add(new PastProposal(String.format("%05d", i), title(lead, random), content(lead, random),
						"第" + (1 + i / 1_200) + "次会议", lead.unitId(), List.of(), (i % 3 == 0) ? "A" : "B"));
			}
			long t0 = System.nanoTime();
			for (int from = 0; from < past.size(); from += 1_000) {
				engine.learnAll(past.subList(from, Math.min(past.size(), from + 1_000)));
			}
			out.add(String.format(Locale.ROOT, "indexed %d proposals in %.1f s", engine.learnedCount(),
					(System.nanoTime() - t0) / 1e9));
			List<String[]> qs = new ArrayList<>();
			for (int i = 0; i < queries; i++) {
				UnitProfile u = units.get(random.nextInt(units.size()));
				qs.add(new String[] { title(u, random), content(u, random) });
			}
			// warm-up
			for (int i = 0; i < Math.min(300, queries); i++) {
				engine.suggest(qs.get(i)[0], qs.get(i)[1], 5);
				engine.similar(qs.get(i)[0], qs.get(i)[1], null, 10);
			}
			ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
			long[] suggest = new long[queries];
			long[] similar = new long[queries];
			long[] suggestCpu = new long[queries];
			long[] learn = new long[Math.min(200, queries)];
			for (int i = 0; i < queries; i++) {
				long c = cpu.getCurrentThreadCpuTime();
				long s = System.nanoTime();
				engine.suggest(qs.get(i)[0], qs.get(i)[1], 5);
				suggest[i] = System.nanoTime() - s;
				suggestCpu[i] = cpu.getCurrentThreadCpuTime() - c;
				s = System.nanoTime();
				engine.similar(qs.get(i)[0], qs.get(i)[1], null, 10);
				similar[i] = System.nanoTime() - s;
			}
			for (int i = 0; i < learn.length; i++) {
				long s = System.nanoTime();
				engine.learn(new PastProposal("new-" + i, qs.get(i)[0], qs.get(i)[1], "新会议", "1", List.of(), null));
				learn[i] = System.nanoTime() - s;
			}
			out.add(line("suggest(title, content, 5)", suggest));
			out.add(line("suggest, CPU time of the calling thread", suggestCpu));
			out.add(line("similar(title, content, null, 10)", similar));
			out.add(line("learn(one proposal, visible at once)", learn));
		}
		return out;
	}

	private static String title(UnitProfile unit, Random random) {
		return OPENINGS[random.nextInt(OPENINGS.length)] + pick(unit, random) + pick(unit, random)
				+ ENDINGS[random.nextInt(ENDINGS.length)];
	}

	private static String content(UnitProfile unit, Random random) {
		String[] clauses = unit.responsibilities().split("[、；，]");
		StringBuilder sb = new StringBuilder("当前我省");
		int len = 8 + random.nextInt(20);
		for (int i = 0; i < len; i++) {
			sb.append(clauses[random.nextInt(clauses.length)]).append((i % 4 == 3) ? "。建议" : "，");
		}
		return sb.append("切实解决群众关心的问题。").toString();
	}

	private static String pick(UnitProfile unit, Random random) {
		List<String> k = unit.keywords();
		return k.isEmpty() ? unit.name() : k.get(random.nextInt(k.size()));
	}

	private static String line(String what, long[] nanos) {
		long[] sorted = Arrays.copyOf(nanos, nanos.length);
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "%-38s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", what,
				sorted.length, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
	}

	private static double ms(long[] sorted, double q) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
	}

}
