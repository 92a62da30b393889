package cn.gov.cppcc.proposals.proposal.proposal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data removed from what is shown or published: mobile and landline numbers,
 * resident ID numbers, e-mail addresses (publication, DOMAIN.md; personal data,
 * docs/DEVELOPING.md).
 */
public final class Masking {

	private static final Pattern ID_NUMBER = Pattern
		.compile("(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])");

	private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");

	private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])(0[0-9]{2,3})-?[0-9]{4}([0-9]{3,4})(?![0-9])");

	private static final Pattern EMAIL = Pattern
		.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

	private Masking() {
	}

	/** {@code 13812345678} → {@code 138****5678}. */
	public static String maskPhone(String phone) {
		if (phone == null) {
			return null;
		}
		String digits = phone.replaceAll("[^0-9]", "");
		if (digits.length() < 7) {
			return "****";
		}
		return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
	}

	/** Masks every phone number, ID number and e-mail address inside a text. */
	public static String maskText(String text) {
		if (text == null) {
			return null;
		}
		String out = ID_NUMBER.matcher(text).replaceAll("$1********$2");
		out = MOBILE.matcher(out).replaceAll("$1****$2");
		out = LANDLINE.matcher(out).replaceAll("$1-****$2");
		Matcher email = EMAIL.matcher(out);
		return email.replaceAll("$1***@$2");
	}

}
