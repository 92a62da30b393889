package cn.gov.cppcc.proposals.department.support;

/**
 * Personal data masking (issue 3 "Personal data"; docs/DEVELOPING.md): phone numbers and
 * ID numbers keep only their ends, e.g. {@code 138****5678}.
 */
public final class Masking {

	private Masking() {
	}

	public static String phone(String phone) {
		if (phone == null || phone.isBlank()) {
			return phone;
		}
		if (phone.length() < 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
	}

	public static String idNumber(String idNumber) {
		if (idNumber == null || idNumber.isBlank()) {
			return idNumber;
		}
		if (idNumber.length() < 8) {
			return "*".repeat(idNumber.length());
		}
		return idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 7) + idNumber.substring(idNumber.length() - 4);
	}

	public static String email(String email) {
		if (email == null || email.isBlank()) {
			return email;
		}
		int at = email.indexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

}
