package cn.gov.cppcc.proposals.suggestion;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UnitDirectoryTest {

	private final List<UnitProfile> units = UnitDirectory.loadDefault();

	@Test
	void platformWideIdsOneToSixAreTheSeededUnits() {
		Map<String, String> byId = this.units.stream()
			.collect(Collectors.toMap(UnitProfile::unitId, UnitProfile::name));
		assertThat(byId).containsEntry("1", "省发展和改革委员会")
			.containsEntry("2", "省工业和信息化厅")
			.containsEntry("3", "省政务服务管理办公室")
			.containsEntry("4", "省大数据管理中心")
			.containsEntry("5", "省财政厅")
			.containsEntry("6", "省市场监督管理局");
	}

	@Test
	void idsAndNamesAreUniqueAndEveryUnitSaysWhatItHandles() {
		assertThat(this.units).hasSizeGreaterThan(60);
		assertThat(this.units.stream().map(UnitProfile::unitId)).doesNotHaveDuplicates();
		assertThat(this.units.stream().map(UnitProfile::name)).doesNotHaveDuplicates();
		assertThat(this.units).allSatisfy((u) -> {
			assertThat(u.responsibilities()).isNotBlank();
			assertThat(u.keywords()).isNotEmpty();
		});
	}

	@Test
	void thirteenCitiesAreNumberedFrom101() {
		List<UnitProfile> cities = this.units.stream().filter(UnitProfile::isCity).toList();
		assertThat(cities).hasSize(13);
		assertThat(cities.get(0).unitId()).isEqualTo("101");
		assertThat(cities.get(0).name()).isEqualTo("南京市人民政府");
		assertThat(cities.get(12).unitId()).isEqualTo("113");
		assertThat(cities.get(12).name()).isEqualTo("宿迁市人民政府");
	}

	@Test
	void malformedLinesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> UnitDirectory.parse("1\t省财政厅\n"));
		assertThat(UnitDirectory.parse("# comment\n\n9\t省X厅\tPROVINCIAL_DEPARTMENT\t做事\t甲、乙,丙\n").get(0).keywords())
			.containsExactly("甲", "乙", "丙");
	}

	@Test
	void leadPriorsNameExistingUnitsAndOnlyLowerThem() {
		List<UnitProfile> units = UnitDirectory.loadDefault();
		Map<String, Double> priors = UnitDirectory.loadDefaultPriors();
		assertThat(priors).isNotEmpty();
		assertThat(priors.keySet())
			.allSatisfy((name) -> assertThat(UnitDirectory.byName(units, name)).as(name).isPresent());
		assertThat(priors.values()).allSatisfy((p) -> assertThat(p).isGreaterThan(0.0).isLessThan(1.0));
		// the line departments that lead most proposals are not lowered
		assertThat(priors).doesNotContainKeys("省教育厅", "省交通运输厅", "省住房和城乡建设厅", "省卫生健康委员会", "省发展和改革委员会");
	}

}
