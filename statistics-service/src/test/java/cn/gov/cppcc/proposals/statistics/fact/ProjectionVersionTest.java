package cn.gov.cppcc.proposals.statistics.fact;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reminder, not a proof: the aggregates' shape is pinned to the projection version. A
 * change of their columns changes what the history must hold, so raise
 * {@link Projector#VERSION} (the service then re-projects the feed at start-up) and
 * update the pin. A change of the projector's rules that keeps the columns needs the same
 * bump, and no test can see it.
 */
class ProjectionVersionTest {

	@Test
	void theAggregatesShapeBelongsToTheProjectionVersion() {
		String shape = Aggregates.TABLES.stream()
			.map((t) -> t.name() + t.keys() + t.counters())
			.collect(Collectors.joining(";"));
		assertThat(Projector.VERSION + ":" + Integer.toHexString(shape.hashCode()))
			.as("aggregates changed: raise Projector.VERSION and update this pin")
			.isEqualTo("2:9cb2e32c");
	}

}
