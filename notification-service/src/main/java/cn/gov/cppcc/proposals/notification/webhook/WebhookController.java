package cn.gov.cppcc.proposals.notification.webhook;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.notification.audit.AuditLog;
import cn.gov.cppcc.proposals.notification.delivery.Delivery;
import cn.gov.cppcc.proposals.notification.delivery.DeliveryRepository;

/**
 * Webhook subscriptions of integrating systems (scope {@code webhooks:manage}) and
 * ADMINs. A client sees its own subscriptions, an ADMIN all; anything else is 404. The
 * secret is kept for signing and never shown again in full.
 */
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
class WebhookController {

	private static final ZoneId DISPLAY = ZoneId.of("Asia/Shanghai");

	private final WebhookRepository repository;

	private final AddressGuard guard;

	private final DeliveryRepository deliveries;

	private final AuditLog audit;

	WebhookController(WebhookRepository repository, AddressGuard guard, DeliveryRepository deliveries, AuditLog audit) {
		this.repository = repository;
		this.guard = guard;
		this.deliveries = deliveries;
		this.audit = audit;
	}

	/**
	 * Create a subscription. With an {@code Idempotency-Key}: the same key and body again
	 * answer the first result; another body is 422; the same key still running is 409.
	 */
	@PostMapping
	@Transactional
	ResponseEntity<SubscriptionView> create(CurrentUser user, @Valid @RequestBody NewSubscription request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 100) String idempotencyKey) {
		String hash = null;
		if (idempotencyKey != null) {
			hash = sha256(request.url().trim() + "\n" + String.join(",", request.events()) + "\n" + request.secret());
			if (!this.repository.reserveKey(user.id(), idempotencyKey, hash)) {
				String[] earlier = this.repository.key(user.id(), idempotencyKey);
				if (earlier == null || earlier[1] == null) {
					throw ApiException.conflict("idempotency-key-in-progress");
				}
				if (!earlier[0].equals(hash)) {
					throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
				}
				return ResponseEntity.created(URI.create("/api/v1/webhooks/" + earlier[1]))
					.body(view(this.repository.find(Long.parseLong(earlier[1]))));
			}
		}
		String refusal = this.guard.refusal(request.url().trim());
		if (refusal != null) {
			this.audit.record(user, "webhook.create", "webhook", null, "DENIED", "url refused: " + refusal);
			throw ApiException.badRequest("webhook-url-not-allowed", refusal);
		}
		long id = this.repository.insert(user.id(), request.url().trim(), String.join(",", request.events()),
				request.secret());
		if (idempotencyKey != null) {
			this.repository.completeKey(user.id(), idempotencyKey, String.valueOf(id));
		}
		this.audit.record(user, "webhook.create", "webhook", String.valueOf(id), "SUCCESS", request.url().trim());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + id)).body(view(this.repository.find(id)));
	}

	@GetMapping
	Page<SubscriptionView> list(CurrentUser user) {
		List<SubscriptionView> items = this.repository.list(user.hasRole("ADMIN") ? null : user.id())
			.stream()
			.map(WebhookController::view)
			.toList();
		return new Page<>(items, 1, Math.max(items.size(), 1), items.size());
	}

	@GetMapping("/{id}")
	SubscriptionView one(CurrentUser user, @PathVariable String id) {
		return view(visible(user, id));
	}

	@GetMapping("/{id}/deliveries")
	Page<DeliveryView> deliveries(CurrentUser user, @PathVariable String id,
			@RequestParam(required = false) @Pattern(regexp = "PENDING|SENT|DEAD|CANCELLED") String state,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		WebhookRepository.Subscription subscription = visible(user, id);
		String recipient = WebhookFanOut.recipient(subscription.id());
		List<DeliveryView> items = this.deliveries.page(recipient, "WEBHOOK", state, (page - 1) * size, size)
			.stream()
			.map(this::deliveryView)
			.toList();
		return new Page<>(items, page, size, this.deliveries.count(recipient, "WEBHOOK", state));
	}

	@GetMapping("/allowed-hosts")
	Map<String, Object> allowedHosts() {
		return Map.of("items", List.copyOf(this.guard.allowedHosts()));
	}

	@PostMapping("/allowed-hosts")
	ResponseEntity<Map<String, Object>> allowHost(CurrentUser user, @Valid @RequestBody AllowedHost request) {
		String host = request.host().toLowerCase(java.util.Locale.ROOT);
		this.repository.allowHost(host, user.id());
		this.audit.record(user, "webhook.allowed-host.add", "host", host, "SUCCESS", null);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("host", host));
	}

	@DeleteMapping("/allowed-hosts/{host}")
	ResponseEntity<Void> removeHost(CurrentUser user, @PathVariable String host) {
		if (!this.repository.removeHost(host.toLowerCase(java.util.Locale.ROOT))) {
			throw ApiException.notFound();
		}
		this.audit.record(user, "webhook.allowed-host.remove", "host", host, "SUCCESS", null);
		return ResponseEntity.noContent().build();
	}

	private WebhookRepository.Subscription visible(CurrentUser user, String id) {
		long key;
		try {
			key = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw ApiException.notFound();
		}
		WebhookRepository.Subscription subscription = this.repository.find(key);
		if (subscription == null || (!user.hasRole("ADMIN") && !subscription.owner().equals(user.id()))) {
			throw ApiException.notFound();
		}
		return subscription;
	}

	private static SubscriptionView view(WebhookRepository.Subscription s) {
		return new SubscriptionView(String.valueOf(s.id()), s.url(), s.eventList(), mask(s.secret()), s.enabled(),
				s.disabledReason(), s.owner(), display(s.createdAt()));
	}

	private DeliveryView deliveryView(Delivery d) {
		List<AttemptView> attempts = this.deliveries.attempts(d.id())
			.stream()
			.map((a) -> new AttemptView(a.attempt(), display(a.attemptedAt()), a.statusCode(), a.outcome(), a.error()))
			.toList();
		return new DeliveryView(String.valueOf(d.id()), d.messageId(), d.eventId(), d.eventType(), d.state(),
				d.attempts(), d.lastStatus(), d.lastError(),
				"PENDING".equals(d.state()) ? display(d.nextAttemptAt()) : null, display(d.createdAt()),
				display(d.sentAt()), attempts);
	}

	private static String sha256(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Only the first and last characters: enough to recognise, useless to forge. */
	static String mask(String secret) {
		if (secret.length() <= 8) {
			return "****";
		}
		return secret.substring(0, 4) + "****" + secret.substring(secret.length() - 4);
	}

	private static OffsetDateTime display(LocalDateTime utc) {
		return (utc != null) ? utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(DISPLAY).toOffsetDateTime() : null;
	}

	record NewSubscription(@NotBlank @Size(max = 2000) String url,
			@NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = "\\*|proposal\\.[a-z-]{1,60}") String> events,
			@NotBlank @Size(min = 16, max = 200) String secret) {
	}

	record AllowedHost(@NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.:\\-\\[\\]]+") String host) {
	}

	record SubscriptionView(String id, String url, List<String> events, String secret, boolean enabled,
			String disabledReason, String owner, OffsetDateTime createdAt) {
	}

	record AttemptView(int attempt, OffsetDateTime at, Integer statusCode, String outcome, String error) {
	}

	record DeliveryView(String id, String webhookId, String eventId, String eventType, String state, int attempts,
			Integer lastStatus, String lastError, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt,
			OffsetDateTime sentAt, List<AttemptView> attemptLog) {
	}

	record Page<T>(List<T> items, int page, int size, long total) {
	}

}
