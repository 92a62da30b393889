package cn.gov.cppcc.proposals.department.seed;

import java.sql.Timestamp;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.department.config.DeploymentMode;

/**
 * Deployment mode seeds no demo data, so somebody must be able to sign in first: when no
 * ADMIN account exists, {@code admin} (id 9001) is created with
 * {@code ADMIN_INITIAL_PASSWORD} (falling back to {@code DEMO_PASSWORD}, which deployment
 * mode requires to be set and not the published default). Change it after the first
 * sign-in.
 */
@Component
@Order(30)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final JdbcTemplate jdbc;

	private final PasswordEncoder encoder;

	private final DeploymentMode mode;

	private final String initialPassword;

	AdminBootstrap(JdbcTemplate jdbc, PasswordEncoder encoder, DeploymentMode mode, Environment environment) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.mode = mode;
		String password = environment.getProperty("ADMIN_INITIAL_PASSWORD");
		this.initialPassword = (password != null && !password.isBlank()) ? password : mode.demoPassword();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.mode.isDeployment()) {
			return;
		}
		Integer admins = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM user_account WHERE FIND_IN_SET('ADMIN', roles) > 0 AND enabled = TRUE",
				Integer.class);
		if (admins != null && admins > 0) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		int added = this.jdbc.update(
				"INSERT IGNORE INTO user_account (id, username, password_hash, display_name, roles, enabled, "
						+ "failed_count, version, created_at, updated_at, password_changed_at) "
						+ "VALUES (9001, 'admin', ?, '系统管理员', 'ADMIN', TRUE, 0, 0, ?, ?, ?)",
				this.encoder.encode(this.initialPassword), now, now, now);
		if (added > 0) {
			log.warn("No administrator existed: account 'admin' created with ADMIN_INITIAL_PASSWORD; change it now");
		}
	}

}
