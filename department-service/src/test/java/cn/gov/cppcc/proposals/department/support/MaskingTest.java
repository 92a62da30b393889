package cn.gov.cppcc.proposals.department.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

	@Test
	void phonesKeepOnlyTheirEnds() {
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.phone("12345")).isEqualTo("*****");
		assertThat(Masking.phone(null)).isNull();
	}

	@Test
	void idNumbersAndEmails() {
		assertThat(Masking.idNumber("32010219800101123X")).isEqualTo("320***********123X");
		assertThat(Masking.email("caolihong@example.gov.cn")).isEqualTo("c***@example.gov.cn");
		assertThat(Masking.email("broken")).isEqualTo("***");
	}

}
