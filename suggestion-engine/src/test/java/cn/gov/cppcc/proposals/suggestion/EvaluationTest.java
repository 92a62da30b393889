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
		results.get(0).confusions().forEach((c) -> System.out.println("  " + c));
		assertThat(Evaluation.load()).hasSizeGreaterThanOrEqualTo(60)
			.allSatisfy((i) -> assertThat(i.url()).startsWith("http"));
		Evaluation.Result heldOut = results.get(1);
		assertThat(heldOut.n()).isGreaterThanOrEqualTo(40);
		assertThat(heldOut.top3Rate()).isGreaterThan(0.6);
		assertThat(heldOut.top1Rate()).isGreaterThan(0.4);
	}

}
