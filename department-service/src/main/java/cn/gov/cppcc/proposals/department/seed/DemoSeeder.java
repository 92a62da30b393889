package cn.gov.cppcc.proposals.department.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.gov.cppcc.proposals.department.config.DeploymentMode;

/**
 * The embedded default's demo data (API.md "Demo accounts"): the handling units of the
 * province with fixed ids ({@code seed/units.tsv}: 1..60 provincial bodies, 101..113 city
 * governments), the demo accounts with fixed ids and the demo client {@code demo-12345}.
 * Idempotent (rows are only added when their id is missing; nothing is overwritten) and
 * never run in deployment mode.
 */
@Component
@Order(20)
class DemoSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	/**
	 * A demo account.
	 *
	 * @param id fixed id
	 * @param username login name
	 * @param name display name
	 * @param roles roles
	 * @param unitId unit of unit staff
	 * @param sector 界别 of a member
	 * @param phone phone
	 */
	record DemoAccount(long id, String username, String name, String roles, Long unitId, String sector, String phone) {
	}

	static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount(1001, "member1", "曹丽虹", "MEMBER", null, "经济界", "13800001001"),
			new DemoAccount(1002, "member2", "王建华", "MEMBER", null, "科学技术界", "13800001002"),
			new DemoAccount(1003, "member3", "李文静", "MEMBER", null, "教育界", "13800001003"),
			new DemoAccount(2001, "committee1", "张明远", "COMMITTEE", null, null, "13800002001"),
			new DemoAccount(3001, "handler-gxt", "陈晓峰", "UNIT_HANDLER", 2L, null, "13800003001"),
			new DemoAccount(3002, "leader-gxt", "刘志强", "UNIT_LEADER", 2L, null, "13800003002"),
			new DemoAccount(3003, "handler-zwb", "周婷", "UNIT_HANDLER", 3L, null, "13800003003"),
			new DemoAccount(3004, "leader-zwb", "吴海涛", "UNIT_LEADER", 3L, null, "13800003004"),
			new DemoAccount(3005, "handler-dsj", "孙悦", "UNIT_HANDLER", 4L, null, "13800003005"),
			new DemoAccount(9001, "admin", "系统管理员", "ADMIN", null, null, "13800009001"),
			new DemoAccount(9002, "auditor", "安全审计员", "AUDITOR", null, null, "13800009002"));

	private final JdbcTemplate jdbc;

	private final PasswordEncoder encoder;

	private final DeploymentMode mode;

	DemoSeeder(JdbcTemplate jdbc, PasswordEncoder encoder, DeploymentMode mode) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.mode = mode;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) throws IOException {
		if (this.mode.isDeployment()) {
			log.info("Deployment mode: no demo data");
			return;
		}
		int units = seedUnits();
		int accounts = seedAccounts();
		int clients = seedClient();
		log.info("Demo data: {} units, {} accounts, {} clients added", units, accounts, clients);
	}

	private int seedUnits() throws IOException {
		int added = 0;
		Timestamp now = Timestamp.from(Instant.now());
		ClassPathResource resource = new ClassPathResource("seed/units.tsv");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] f = line.split("\t", -1);
				Long parent = f[5].isBlank() ? null : Long.valueOf(f[5]);
				added += this.jdbc.update(
						"INSERT IGNORE INTO unit (id, code, name, short_name, type, parent_id, responsibilities, "
								+ "contact, active, version, created_at, updated_at) "
								+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, 0, ?, ?)",
						Long.valueOf(f[0]), f[1], f[2], f[3], f[4], parent, f[6], "办公室（建议提案办理）", now, now);
			}
		}
		return added;
	}

	private int seedAccounts() {
		int added = 0;
		Timestamp now = Timestamp.from(Instant.now());
		for (DemoAccount a : ACCOUNTS) {
			Integer existing = this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM user_account WHERE id = ? OR username = ?", Integer.class, a.id(),
					a.username());
			if (existing != null && existing > 0) {
				continue;
			}
			added += this.jdbc.update(
					"INSERT IGNORE INTO user_account (id, username, password_hash, display_name, roles, unit_id, "
							+ "sector, phone, email, enabled, failed_count, version, created_at, updated_at, "
							+ "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, 0, 0, ?, ?, ?)",
					a.id(), a.username(), this.encoder.encode(this.mode.demoPassword()), a.name(), a.roles(),
					a.unitId(), a.sector(), a.phone(), a.username() + "@example.gov.cn", now, now, now);
		}
		return added;
	}

	private int seedClient() {
		Integer existing = this.jdbc.queryForObject("SELECT COUNT(*) FROM oauth_client WHERE client_id = ?",
				Integer.class, "demo-12345");
		if (existing != null && existing > 0) {
			return 0;
		}
		return this.jdbc.update(
				"INSERT IGNORE INTO oauth_client (client_id, secret_hash, name, scopes, kind, enabled, created_at) "
						+ "VALUES (?, ?, ?, ?, 'INTEGRATION', TRUE, ?)",
				"demo-12345", this.encoder.encode(this.mode.demoPassword()), "12345政务服务便民热线平台（演示）",
				"proposals:read events:read webhooks:manage", Timestamp.from(Instant.now()));
	}

}
