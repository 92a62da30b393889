package cn.gov.cppcc.proposals.statistics.report;

import java.util.List;

/**
 * Arithmetic of the reports: rates are fractions 0–1 rounded to 4 places, {@code null}
 * when nothing is counted below the line (a rate of nothing is not 0).
 */
final class Rates {

	private Rates() {
	}

	static Double rate(long numerator, long denominator) {
		return (denominator <= 0) ? null : Math.round(numerator * 10000.0 / denominator) / 10000.0;
	}

	static Double round1(Double value) {
		return (value == null) ? null : Math.round(value * 10.0) / 10.0;
	}

	/** Median of sorted values; the mean of the two middle ones for an even count. */
	static Double median(List<Integer> sorted) {
		if (sorted.isEmpty()) {
			return null;
		}
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

}
