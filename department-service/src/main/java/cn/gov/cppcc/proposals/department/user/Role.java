package cn.gov.cppcc.proposals.department.user;

/**
 * Roles of people (API.md "Roles").
 */
public enum Role {

	/** 委员. */
	MEMBER,
	/** 提案委员会/提案办 staff. */
	COMMITTEE,
	/** 承办单位经办人. */
	UNIT_HANDLER,
	/** 承办单位负责人. */
	UNIT_LEADER,
	/** System administrator. */
	ADMIN,
	/** Reads audit logs only. */
	AUDITOR;

	boolean unitStaff() {
		return this == UNIT_HANDLER || this == UNIT_LEADER;
	}

}
