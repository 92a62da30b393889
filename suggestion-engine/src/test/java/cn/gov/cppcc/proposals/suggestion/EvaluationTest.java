package cn.gov.cppcc.proposals.suggestion;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the evaluation (README has the figures). The assertions are loose floors that
 * catch a broken analyzer or directory, not targets.
 */
class EvaluationTest {

	@Test
	void printsAccuracyOnRealProposals() {
		List<Evaluation.Result> results = Evaluation.runAll();
		results.forEach((r) -> System.out.println(r.summary()));
		// only the tunable confusions: the blind ones are never looked at while tuning
		results.get(Evaluation.TUNE).confusions().forEach((c) -> System.out.println("  " + c));
		assertThat(Evaluation.load()).hasSizeGreaterThanOrEqualTo(200)
			.allSatisfy((i) -> assertThat(i.url()).startsWith("http"));
		List<UnitProfile> units = UnitDirectory.loadDefault();
		assertThat(Evaluation.load())
			.allSatisfy((i) -> assertThat(UnitDirectory.byName(units, i.lead())).as(i.lead()).isPresent());
		Evaluation.Result blind = results.get(Evaluation.BLIND);
		assertThat(blind.n()).isGreaterThanOrEqualTo(50);
		assertThat(blind.top3Rate()).isGreaterThan(0.6);
		assertThat(blind.top1Rate()).isGreaterThan(0.4);
	}

}
