package cn.gov.cppcc.proposals.notification.preference;

/**
 * Where a person can be told: the inbox (always), email and SMS (chosen per kind).
 */
public enum Channel {

	IN_APP, EMAIL, SMS

}
