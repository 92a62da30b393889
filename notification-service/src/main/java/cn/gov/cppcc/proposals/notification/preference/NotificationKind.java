package cn.gov.cppcc.proposals.notification.preference;

/**
 * Kinds of event a person can choose paid channels for (notification preferences).
 */
public enum NotificationKind {

	SUBMITTED, CO_SIGN_INVITATION, CO_SIGNATURE, FILED, NOT_FILED, MERGED, ASSIGNED, OBJECTION, EXTENSION,
	DEADLINE_REMINDER, DEADLINE_OVERDUE, REPLY, FEEDBACK, REHANDLING, CLOSED, PUBLISHED, KEY_PROPOSAL, FOLLOW_UP

}
