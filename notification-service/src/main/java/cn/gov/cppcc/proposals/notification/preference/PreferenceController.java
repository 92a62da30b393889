package cn.gov.cppcc.proposals.notification.preference;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.notification.audit.AuditLog;

/**
 * The signed-in person's own notification preferences: language, and channels per kind of
 * event. In-app is always on: it appears in every answer and cannot be removed.
 */
@RestController
@RequestMapping("/api/v1/notification-preferences")
class PreferenceController {

	private final PreferenceService preferences;

	private final AuditLog audit;

	PreferenceController(PreferenceService preferences, AuditLog audit) {
		this.preferences = preferences;
		this.audit = audit;
	}

	@GetMapping
	PreferencesView get(CurrentUser user) {
		return view(this.preferences.settingsOf(user.id()));
	}

	@PutMapping
	PreferencesView put(CurrentUser user, @Valid @RequestBody PreferencesRequest request) {
		Locale locale = (request.locale() != null) ? Locale.forLanguageTag(request.locale())
				: PreferenceService.DEFAULT_LOCALE;
		RecipientSettings saved = this.preferences.save(user.id(), locale, request.channels());
		this.audit.record(user, "notification-preferences.update", "user", user.id(), "SUCCESS", null);
		return view(saved);
	}

	private static PreferencesView view(RecipientSettings settings) {
		Map<NotificationKind, Set<Channel>> channels = new EnumMap<>(NotificationKind.class);
		settings.channels().forEach((kind, chosen) -> {
			Set<Channel> all = EnumSet.of(Channel.IN_APP);
			all.addAll(chosen);
			channels.put(kind, all);
		});
		return new PreferencesView(settings.locale().toLanguageTag(), channels);
	}

	/**
	 * @param locale {@code zh-CN} (default) or {@code en}
	 * @param channels channels per kind; kinds left out get no email or SMS
	 */
	record PreferencesRequest(@Pattern(regexp = "zh-CN|en") String locale,
			@NotNull Map<@NotNull NotificationKind, @NotNull Set<@NotNull Channel>> channels) {
	}

	record PreferencesView(String locale, Map<NotificationKind, Set<Channel>> channels) {
	}

}
