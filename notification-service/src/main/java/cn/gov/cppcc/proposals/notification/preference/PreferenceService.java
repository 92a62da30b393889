package cn.gov.cppcc.proposals.notification.preference;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored preferences, with the defaults for people who never chose: Chinese, email for
 * every kind, no SMS (a paid channel is opt-in).
 */
@Service
public class PreferenceService {

	public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	PreferenceService(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public static RecipientSettings defaults() {
		Map<NotificationKind, Set<Channel>> channels = new EnumMap<>(NotificationKind.class);
		for (NotificationKind kind : NotificationKind.values()) {
			channels.put(kind, EnumSet.of(Channel.EMAIL));
		}
		return new RecipientSettings(DEFAULT_LOCALE, channels);
	}

	public Map<String, RecipientSettings> settingsFor(Collection<String> userIds) {
		Map<String, RecipientSettings> result = new HashMap<>();
		if (userIds.isEmpty()) {
			return result;
		}
		this.jdbc.sql("SELECT user_id, locale, channels FROM notification_preference WHERE user_id IN (:ids)")
			.param("ids", List.copyOf(userIds))
			.query((rs, n) -> {
				result.put(rs.getString("user_id"), parse(rs.getString("locale"), rs.getString("channels")));
				return null;
			})
			.list();
		for (String id : userIds) {
			result.putIfAbsent(id, defaults());
		}
		return result;
	}

	public RecipientSettings settingsOf(String userId) {
		return settingsFor(List.of(userId)).get(userId);
	}

	@Transactional
	public RecipientSettings save(String userId, Locale locale, Map<NotificationKind, Set<Channel>> requested) {
		Map<NotificationKind, Set<Channel>> channels = new EnumMap<>(NotificationKind.class);
		for (NotificationKind kind : NotificationKind.values()) {
			Set<Channel> chosen = EnumSet.noneOf(Channel.class);
			Set<Channel> asked = requested.getOrDefault(kind, Set.of());
			// in-app is always on and not stored: only the paid/optional channels are a
			// choice
			asked.stream().filter((c) -> c != Channel.IN_APP).forEach(chosen::add);
			channels.put(kind, chosen);
		}
		String text = this.json.writeValueAsString(channels);
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		this.jdbc.sql("""
				INSERT INTO notification_preference (user_id, locale, channels, version, updated_at)
				VALUES (:user, :locale, :channels, 0, :now)
				ON DUPLICATE KEY UPDATE locale = VALUES(locale), channels = VALUES(channels),
				  version = version + 1, updated_at = VALUES(updated_at)
				""")
			.param("user", userId)
			.param("locale", locale.toLanguageTag())
			.param("channels", text)
			.param("now", now)
			.update();
		return new RecipientSettings(locale, channels);
	}

	private RecipientSettings parse(String locale, String channelsJson) {
		Map<NotificationKind, Set<Channel>> stored = this.json.readValue(channelsJson,
				new TypeReference<Map<NotificationKind, Set<Channel>>>() {
				});
		Map<NotificationKind, Set<Channel>> channels = new EnumMap<>(NotificationKind.class);
		for (NotificationKind kind : NotificationKind.values()) {
			channels.put(kind, stored.getOrDefault(kind, Set.of()));
		}
		return new RecipientSettings(Locale.forLanguageTag(locale), channels);
	}

}
