package cn.gov.cppcc.proposals.notification.routing;

import java.util.List;

import cn.gov.cppcc.proposals.notification.preference.NotificationKind;

/**
 * What to tell, before it is rendered in the recipient's language: a template and its
 * arguments ({@code {0}} is always the proposal's reference: number and title).
 *
 * @param kind kind of event (for preferences)
 * @param template template key in {@code templates/notifications*.properties}
 * @param args extra template arguments {1}, {2}, ... (dates, reasons)
 */
public record Message(NotificationKind kind, String template, List<String> args) {

	public static Message of(NotificationKind kind, String template, String... args) {
		return new Message(kind, template, java.util.Arrays.stream(args).map((a) -> (a != null) ? a : "").toList());
	}

}
