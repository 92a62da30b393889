package cn.gov.cppcc.proposals.suggestion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GovTextAnalyzerTest {

	private static final GovTextAnalyzer analyzer = new GovTextAnalyzer();

	@Test
	void abbreviationsAndFullNamesOfADepartmentAnalyzeToTheSameTerm() {
		assertThat(analyzer.terms("发改")).isEqualTo(analyzer.terms("发展改革"))
			.isEqualTo(analyzer.terms("发改委"))
			.isEqualTo(analyzer.terms("发展和改革委员会"))
			.hasSize(1);
		assertThat(analyzer.terms("工信")).isEqualTo(analyzer.terms("经信委"))
			.isEqualTo(analyzer.terms("经济和信息化"))
			.isEqualTo(analyzer.terms("工业和信息化"));
		assertThat(analyzer.terms("住建")).isEqualTo(analyzer.terms("住房城乡建设"));
		assertThat(analyzer.terms("人社")).isEqualTo(analyzer.terms("人力资源社会保障"));
		assertThat(analyzer.terms("卫健委")).isEqualTo(analyzer.terms("卫生健康"));
		assertThat(analyzer.terms("环保")).isEqualTo(analyzer.terms("生态环境"));
		assertThat(analyzer.terms("一网通办")).isEqualTo(analyzer.terms("一张网")).isEqualTo(analyzer.terms("放管服"));
		assertThat(analyzer.terms("三农")).isEqualTo(analyzer.terms("农业农村"));
		assertThat(analyzer.terms("文旅")).isEqualTo(analyzer.terms("文化和旅游"));
	}

	@Test
	void synonymIsFoundInsideASentenceAndDisplaysAsItsGroupName() {
		java.util.List<String> terms = analyzer.terms("建议省发改委牵头推进项目");
		String fagai = analyzer.terms("发展改革").get(0);
		assertThat(terms).contains(fagai);
		assertThat(analyzer.display(fagai)).isEqualTo("发展改革");
	}

	@Test
	void longerVariantWinsOverAShorterOneOfAnotherGroup() {
		// 养老保险 is social insurance (人社), not elderly care (民政)
		assertThat(analyzer.terms("提高养老保险待遇")).contains(analyzer.terms("社保").get(0))
			.doesNotContain(analyzer.terms("养老服务").get(0));
	}

	@Test
	void fullWidthDigitsMatchTheHotline() {
		assertThat(analyzer.terms("１２３４５热线")).isEqualTo(analyzer.terms("12345"));
	}

	@Test
	void boilerplateWordsAndSingleCharactersAreDropped() {
		assertThat(analyzer.terms("关于进一步加强我省农村公路建设的建议")).containsExactly(analyzer.terms("农村公路").get(0));
		assertThat(analyzer.terms("前山崀")).isEmpty();
		assertThat(analyzer.terms("")).isEmpty();
		assertThat(analyzer.terms(null)).isEmpty();
	}

}
