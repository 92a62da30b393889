package cn.gov.cppcc.proposals.proposal.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Masking#maskText} skips the patterns that cannot match; its result must be the
 * one of all four patterns run one after the other, as it was before.
 */
class MaskingTests {

	private static final Pattern ID_NUMBER = Pattern
		.compile("(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])");

	private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");

	private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])(0[0-9]{2,3})-?[0-9]{4}([0-9]{3,4})(?![0-9])");

	private static final Pattern EMAIL = Pattern
		.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

	private static String allFourPatterns(String text) {
		String out = ID_NUMBER.matcher(text).replaceAll("$1********$2");
		out = MOBILE.matcher(out).replaceAll("$1****$2");
		out = LANDLINE.matcher(out).replaceAll("$1-****$2");
		return EMAIL.matcher(out).replaceAll("$1***@$2");
	}

	@Test
	void masksEachKindAtTheEdgesOfWhatMatches() {
		assertThat(Masking.maskText("座机0851-1234567。")).isEqualTo("座机0851-****567。");
		assertThat(Masking.maskText("座机08511234567")).isEqualTo("座机0851-****567");
		assertThat(Masking.maskText("身份证52010219900101123X")).isEqualTo("身份证520102********123X");
		assertThat(Masking.maskText("a@b.cn")).isEqualTo("a***@b.cn");
		assertThat(Masking.maskText("编号123456，2016-2020年，2018-06-14")).isEqualTo("编号123456，2016-2020年，2018-06-14");
		assertThat(Masking.maskText("全角１３８１２３４５６７８")).isEqualTo("全角１３８１２３４５６７８");
		assertThat(Masking.maskText("")).isEmpty();
		assertThat(Masking.maskText(null)).isNull();
	}

	@Test
	void sameResultAsAllFourPatternsOnGeneratedTexts() {
		List<String> pieces = List.of("电话", "13812345678", "0851-8330123", "025-83301234", "02583301234",
				"320102199001011234", "52010219900101123x", "zhang.san@example.com", "x@y", "@", "123456", "1234567",
				"2016-2020", "-", "0", "9", "１３８", "，", "。", " ", "a", "Z", ".", "%", "+", "年");
		Random random = new Random(20261206L);
		List<String> texts = new ArrayList<>();
		for (int n = 0; n < 20_000; n++) {
			StringBuilder text = new StringBuilder();
			int parts = random.nextInt(12);
			for (int i = 0; i < parts; i++) {
				text.append(pieces.get(random.nextInt(pieces.size())));
			}
			texts.add(text.toString());
		}
		for (String text : texts) {
			assertThat(Masking.maskText(text)).as(text).isEqualTo(allFourPatterns(text));
		}
	}

}
