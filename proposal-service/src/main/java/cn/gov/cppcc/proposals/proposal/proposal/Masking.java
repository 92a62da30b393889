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

	/**
	 * Masks every phone number, ID number and e-mail address inside a text.
	 * <p>
	 * Every published reply is masked on every read, and a reply is long (the demo reply
	 * is 12 KB): the four patterns took over a third of proposal-service's CPU for a
	 * public read (bench/profile-gateway.sh). A number can only match where the text has
	 * at least seven ASCII digits in a row (an ID number has 17, a mobile 11, a landline
	 * 7 after its area code), and an address only where it has an {@code @}; a pattern
	 * that cannot match is not run. The result is the same as running all four
	 * (MaskingTests).
	 */
	public static String maskText(String text) {
		if (text == null) {
			return null;
		}
		String out = text;
		if (hasDigitRun(text, 7)) {
			out = ID_NUMBER.matcher(out).replaceAll("$1********$2");
			out = MOBILE.matcher(out).replaceAll("$1****$2");
			out = LANDLINE.matcher(out).replaceAll("$1-****$2");
		}
		if (out.indexOf('@') >= 0) {
			Matcher email = EMAIL.matcher(out);
			out = email.replaceAll("$1***@$2");
		}
		return out;
	}

	private static boolean hasDigitRun(String text, int length) {
		int run = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				if (++run >= length) {
					return true;
				}
			}
			else {
				run = 0;
			}
		}
		return false;
	}

}
