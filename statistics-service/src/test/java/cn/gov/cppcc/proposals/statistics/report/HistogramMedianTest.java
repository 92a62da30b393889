package cn.gov.cppcc.proposals.statistics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The median read from the days histogram ({@code agg_days}) is the median of the values
 * it counts, as {@link Rates#median} computes it from the sorted list.
 */
class HistogramMedianTest {

	@Test
	void handPickedCases() {
		assertThat(ReportService.median(List.of())).isNull();
		assertThat(ReportService.median(List.<long[]>of(new long[] { 30, 1 }))).isEqualTo(30.0);
		// 10, 20, 20, 40 → (20 + 20) / 2
		assertThat(ReportService.median(List.of(new long[] { 10, 1 }, new long[] { 20, 2 }, new long[] { 40, 1 })))
			.isEqualTo(20.0);
		// 10, 40 → 25; the two middle values fall in different bins
		assertThat(ReportService.median(List.of(new long[] { 10, 1 }, new long[] { 40, 1 }))).isEqualTo(25.0);
		// 5, 5, 9 → 5
		assertThat(ReportService.median(List.of(new long[] { 5, 2 }, new long[] { 9, 1 }))).isEqualTo(5.0);
	}

	@Test
	void equalsTheMedianOfTheSortedValues() {
		Random random = new Random(7);
		for (int round = 0; round < 500; round++) {
			List<Integer> values = new ArrayList<>();
			int size = random.nextInt(40) + 1;
			for (int i = 0; i < size; i++) {
				values.add(random.nextInt(120));
			}
			values.sort(null);
			TreeMap<Integer, Long> bins = new TreeMap<>();
			values.forEach((v) -> bins.merge(v, 1L, Long::sum));
			List<long[]> histogram = new ArrayList<>();
			bins.forEach((days, n) -> histogram.add(new long[] { days, n }));
			assertThat(ReportService.median(histogram)).as("%s", values).isEqualTo(Rates.median(values));
		}
	}

}
