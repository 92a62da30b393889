package cn.gov.cppcc.proposals.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages by feature without cycles; controllers never hand out rows of the database.
 */
@AnalyzeClasses(packages = "cn.gov.cppcc.proposals.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule noCycles = slices().matching("cn.gov.cppcc.proposals.notification.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule noFieldInjection = noClasses().should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");

}
