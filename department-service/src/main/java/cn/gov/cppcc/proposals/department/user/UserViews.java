package cn.gov.cppcc.proposals.department.user;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Answers of the people endpoints. Phone and ID numbers are masked except for ADMIN and
 * the person themself (issue 3 "Personal data").
 */
final class UserViews {

	private UserViews() {
	}

	/**
	 * An account as ADMIN sees it.
	 *
	 * @param id id
	 * @param username login name
	 * @param name display name
	 * @param roles roles
	 * @param unitId unit of unit staff
	 * @param sector sector of a member
	 * @param phone phone
	 * @param email email
	 * @param idNumber ID number
	 * @param enabled enabled
	 * @param lockedUntil locked until, when locked
	 * @param version version
	 */
	record Account(String id, String username, String name, List<String> roles, String unitId, String sector,
			String phone, String email, String idNumber, boolean enabled, OffsetDateTime lockedUntil, int version) {
	}

	/**
	 * {@code GET /api/v1/me}.
	 *
	 * @param id id
	 * @param username login name
	 * @param name display name
	 * @param roles roles
	 * @param unitId unit id of unit staff
	 * @param unit unit of unit staff
	 * @param sector sector of a member
	 * @param phone masked phone
	 * @param email email
	 */
	record Me(String id, String username, String name, List<String> roles, String unitId, UnitRef unit, String sector,
			String phone, String email) {
	}

	/**
	 * A unit reference.
	 *
	 * @param id id
	 * @param name name
	 */
	record UnitRef(String id, String name) {
	}

	/**
	 * {@code GET /api/v1/members}: contact masked unless the caller is ADMIN.
	 *
	 * @param id id
	 * @param username login name
	 * @param name name
	 * @param sector 界别
	 * @param phone phone
	 * @param email email
	 * @param enabled enabled
	 */
	record Member(String id, String username, String name, String sector, String phone, String email, boolean enabled) {
	}

	/**
	 * {@code GET /api/v1/internal/people} (our own services only; unmasked, they notify
	 * people). notification-service and proposal-service rely on these fields (pinned by
	 * a provider-side test).
	 *
	 * @param id id
	 * @param username login name
	 * @param name display name
	 * @param roles roles
	 * @param unitId unit
	 * @param sector sector
	 * @param email email
	 * @param phone phone (unmasked)
	 * @param enabled enabled
	 */
	record Person(String id, String username, String name, List<String> roles, String unitId, String sector,
			String email, String phone, boolean enabled) {
	}

}
