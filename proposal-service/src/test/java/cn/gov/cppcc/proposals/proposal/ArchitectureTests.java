package cn.gov.cppcc.proposals.proposal;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages by feature without cycles; the aggregate free of infrastructure; jobs and demo
 * data outside the domain.
 */
@AnalyzeClasses(packages = "cn.gov.cppcc.proposals.proposal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("cn.gov.cppcc.proposals.proposal.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule aggregateKnowsNoInfrastructure = noClasses().that()
		.haveSimpleNameStartingWith("Proposal")
		.and()
		.haveSimpleNameNotEndingWith("Controller")
		.and()
		.haveSimpleNameNotEndingWith("Service")
		.and()
		.haveSimpleNameNotEndingWith("Repository")
		.and()
		.haveSimpleNameNotEndingWith("Queries")
		.and()
		.haveSimpleNameNotEndingWith("Views")
		.and()
		.haveSimpleNameNotEndingWith("Requests")
		.and()
		.resideInAPackage("..proposal.proposal")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.jdbc..", "org.springframework.web..", "jakarta.servlet..");

	@ArchTest
	static final ArchRule nothingDependsOnDemoData = noClasses().that()
		.resideOutsideOfPackage("..demo..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..proposal.demo..");

	@ArchTest
	static final ArchRule controllersArePackagePrivate = classes().that()
		.haveSimpleNameEndingWith("Controller")
		.should()
		.notBePublic();

}
