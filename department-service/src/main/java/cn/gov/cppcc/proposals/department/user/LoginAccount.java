package cn.gov.cppcc.proposals.department.user;

import java.time.Instant;
import java.util.List;

/**
 * What login needs to know about an account.
 *
 * @param id id
 * @param username login name
 * @param displayName display name
 * @param passwordHash stored hash
 * @param roles roles
 * @param unitId unit of unit staff
 * @param enabled enabled
 * @param failedCount failures in the current window
 * @param firstFailedAt start of the current failure window
 * @param lockedUntil locked until
 */
public record LoginAccount(long id, String username, String displayName, String passwordHash, List<String> roles,
		Long unitId, boolean enabled, int failedCount, Instant firstFailedAt, Instant lockedUntil) {

	static LoginAccount of(UserAccount account) {
		return new LoginAccount(account.id, account.username, account.displayName, account.passwordHash,
				account.roleList(), account.unitId, Boolean.TRUE.equals(account.enabled),
				(account.failedCount != null) ? account.failedCount : 0, account.firstFailedAt, account.lockedUntil);
	}

}
