package cn.gov.cppcc.proposals.department;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages by feature, without cycles between them (STYLE.md).
 */
@AnalyzeClasses(packages = "cn.gov.cppcc.proposals.department", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule noCyclesBetweenFeatures = slices().matching("cn.gov.cppcc.proposals.department.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule supportDependsOnNoFeature = noClasses().that()
		.resideInAPackage("..department.support..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..department.unit..", "..department.user..", "..department.auth..", "..department.token..",
				"..department.key..", "..department.client..", "..department.audit..", "..department.seed..");

}
