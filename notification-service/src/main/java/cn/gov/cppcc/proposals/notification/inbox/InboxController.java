package cn.gov.cppcc.proposals.notification.inbox;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
 * The signed-in person's own inbox. Someone else's notification is 404, never a hint that
 * it exists.
 */
@RestController
@Validated
@RequestMapping("/api/v1/notifications")
class InboxController {

	private final InboxRepository inbox;

	private final AuditLog audit;

	InboxController(InboxRepository inbox, AuditLog audit) {
		this.inbox = inbox;
		this.audit = audit;
	}

	@GetMapping
	InboxPage list(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		List<NotificationView> items = this.inbox.page(user.id(), unread, (page - 1) * size, size)
			.stream()
			.map(NotificationView::of)
			.toList();
		return new InboxPage(items, page, size, this.inbox.count(user.id(), unread), this.inbox.count(user.id(), true));
	}

	@PostMapping("/{id}/read")
	NotificationView read(CurrentUser user, @PathVariable String id) {
		long key = parse(id);
		InboxRepository.NotificationRow row = this.inbox.findOwn(key, user.id());
		if (row == null) {
			this.audit.record(user, "notification.read", "notification", id, "DENIED", null);
			throw ApiException.notFound();
		}
		this.inbox.markRead(key, user.id());
		this.audit.record(user, "notification.read", "notification", id, "SUCCESS", null);
		return NotificationView.of(this.inbox.findOwn(key, user.id()));
	}

	private static long parse(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw ApiException.notFound();
		}
	}

	/**
	 * A page of the inbox, with the unread count.
	 */
	record InboxPage(List<NotificationView> items, int page, int size, long total, long unread) {
	}

}
