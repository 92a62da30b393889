package cn.gov.cppcc.proposals.statistics;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages by feature without cycles; reports read the read model, never the feed client.
 */
@AnalyzeClasses(packages = "cn.gov.cppcc.proposals.statistics", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("cn.gov.cppcc.proposals.statistics.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule reportsDoNotCallProposalService = noClasses().that()
		.resideInAnyPackage("..statistics.report..", "..statistics.export..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..statistics.feed..");

}
