package cn.gov.cppcc.proposals.department.seed;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cn.gov.cppcc.proposals.department.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeederTest extends IntegrationTest {

	@Autowired
	DemoSeeder seeder;

	@Test
	void seedsFixedIdsAndRunningAgainChangesNothing() throws Exception {
		Map<String, Object> before = counts();
		this.seeder.run(null);
		assertThat(counts()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT name FROM unit WHERE id = 1", String.class)).isEqualTo("省发展和改革委员会");
		assertThat(this.jdbc.queryForObject("SELECT code FROM unit WHERE id = 6", String.class)).isEqualTo("SCJG");
		assertThat(this.jdbc.queryForObject("SELECT name FROM unit WHERE id = 113", String.class)).isEqualTo("宿迁市人民政府");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM unit WHERE type = 'CITY_GOVERNMENT'", Integer.class))
			.isEqualTo(13);
		assertThat(this.jdbc.queryForObject("SELECT type FROM unit WHERE code = 'TAW'", String.class))
			.isEqualTo("CPPCC_BODY");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM unit WHERE id < 100 AND CHAR_LENGTH(responsibilities) < 60", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForMap("SELECT username, unit_id FROM user_account WHERE id = 3004"))
			.containsEntry("username", "leader-zwb")
			.containsEntry("unit_id", 3L);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM oauth_client WHERE kind = 'SERVICE'", Integer.class))
			.isEqualTo(4);
	}

	private Map<String, Object> counts() {
		return this.jdbc.queryForMap("SELECT (SELECT COUNT(*) FROM unit) AS units, "
				+ "(SELECT COUNT(*) FROM user_account) AS accounts, (SELECT COUNT(*) FROM oauth_client) AS clients");
	}

}
