package cn.gov.cppcc.proposals.statistics.unit;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;
import cn.gov.cppcc.proposals.statistics.unit.DepartmentUnitsClient.Unit;
import cn.gov.cppcc.proposals.statistics.unit.DepartmentUnitsClient.UnitPage;

import static org.assertj.core.api.Assertions.assertThat;

class UnitNamesTest {

	private final StatisticsProperties properties = new StatisticsProperties(ZoneId.of("Asia/Shanghai"), 5,
			new StatisticsProperties.Feed(true, 500, Duration.ofSeconds(30)), Duration.ofMinutes(10));

	@Test
	void namesComeFromDepartmentServiceAndAreCached() {
		AtomicInteger calls = new AtomicInteger();
		UnitNames names = new UnitNames((page, size) -> {
			calls.incrementAndGet();
			return new UnitPage(List.of(new Unit("7", "gxt", "省工业和信息化厅")), 1, 100, 1);
		}, this.properties);
		assertThat(names.name("7")).isEqualTo("省工业和信息化厅");
		assertThat(names.name("8")).isEqualTo("8");
		assertThat(calls.get()).isEqualTo(1);
	}

	@Test
	void whenDepartmentServiceIsDownTheIdIsShown() {
		UnitNames names = new UnitNames((page, size) -> {
			throw new IllegalStateException("department-service down");
		}, this.properties);
		assertThat(names.name("7")).isEqualTo("7");
	}

}
