package cn.gov.cppcc.proposals.notification.preference;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A person's language and paid channels per kind of event.
 *
 * @param locale language of the messages
 * @param channels EMAIL/SMS per kind (in-app is implied)
 */
public record RecipientSettings(Locale locale, Map<NotificationKind, Set<Channel>> channels) {

	public Set<Channel> channelsFor(NotificationKind kind) {
		return this.channels.getOrDefault(kind, Set.of());
	}

}
