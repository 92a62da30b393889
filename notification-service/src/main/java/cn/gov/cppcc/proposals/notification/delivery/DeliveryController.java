package cn.gov.cppcc.proposals.notification.delivery;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.notification.audit.AuditLog;

/**
 * Operators' view of outgoing messages (ADMIN, or our services with scope internal): dead
 * letters and rate-limited SMS are visible here, never silently dropped; an ADMIN can
 * give a DEAD delivery one more attempt (same message id).
 */
@RestController
@Validated
@RequestMapping("/api/v1/internal/deliveries")
class DeliveryController {

	private static final ZoneId DISPLAY = ZoneId.of("Asia/Shanghai");

	private final DeliveryRepository deliveries;

	private final AuditLog audit;

	DeliveryController(DeliveryRepository deliveries, AuditLog audit) {
		this.deliveries = deliveries;
		this.audit = audit;
	}

	@GetMapping
	Page list(
			@RequestParam(required = false) @Pattern(
					regexp = "PENDING|SENT|DEAD|SKIPPED_RATE_LIMIT|SKIPPED_NO_ADDRESS|CANCELLED") String state,
			@RequestParam(required = false) @Pattern(regexp = "EMAIL|SMS|WEBHOOK|GROUP") String channel,
			@RequestParam(required = false) @Size(max = 128) String recipient,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		List<View> items = this.deliveries.page(recipient, channel, state, (page - 1) * size, size)
			.stream()
			.map(DeliveryController::view)
			.toList();
		return new Page(items, page, size, this.deliveries.count(recipient, channel, state));
	}

	@PostMapping("/{id}/retry")
	View retry(CurrentUser user, @PathVariable String id) {
		long key;
		try {
			key = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw ApiException.notFound();
		}
		Delivery delivery = this.deliveries.find(key);
		if (delivery == null) {
			throw ApiException.notFound();
		}
		if (!this.deliveries.requeueDead(key)) {
			throw ApiException.conflict("illegal-transition");
		}
		this.audit.record(user, "delivery.retry", "delivery", id, "SUCCESS", null);
		return view(this.deliveries.find(key));
	}

	private static View view(Delivery d) {
		return new View(String.valueOf(d.id()), d.messageId(), d.eventId(), d.eventType(), d.recipient(), d.channel(),
				d.state(), d.attempts(), d.lastStatus(), d.lastError(),
				"PENDING".equals(d.state()) ? display(d.nextAttemptAt()) : null, display(d.createdAt()),
				display(d.sentAt()));
	}

	private static OffsetDateTime display(LocalDateTime utc) {
		return (utc != null) ? utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(DISPLAY).toOffsetDateTime() : null;
	}

	record View(String id, String messageId, String eventId, String eventType, String recipient, String channel,
			String state, int attempts, Integer lastStatus, String lastError, OffsetDateTime nextAttemptAt,
			OffsetDateTime createdAt, OffsetDateTime sentAt) {
	}

	record Page(List<View> items, int page, int size, long total) {
	}

}
