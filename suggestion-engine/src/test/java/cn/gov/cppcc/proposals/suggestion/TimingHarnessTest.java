package cn.gov.cppcc.proposals.suggestion;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the timings; they are not asserted (shared CI machines vary). The suite indexes
 * 3,000 proposals to stay fast; {@code -Dsuggestion.timing.proposals=15000} (or
 * {@link TimingHarness#main}) runs the full size.
 */
class TimingHarnessTest {

	@Test
	void printsLatency() {
		int proposals = Integer.getInteger("suggestion.timing.proposals", 3_000);
		List<String> lines = TimingHarness.run(proposals, 500);
		lines.forEach(System.out::println);
		assertThat(lines.get(0)).startsWith("indexed " + proposals + " proposals");
	}

}
