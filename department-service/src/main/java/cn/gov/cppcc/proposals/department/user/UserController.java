package cn.gov.cppcc.proposals.department.user;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.audit.AuditLog;
import cn.gov.cppcc.proposals.department.idempotency.Idempotency;
import cn.gov.cppcc.proposals.department.support.PageView;

/**
 * People: {@code /api/v1/me}, {@code /api/v1/members} (COMMITTEE, ADMIN),
 * {@code /api/v1/users} (ADMIN) and {@code /api/v1/internal/people} (SCOPE_internal).
 * Roles are enforced in the security configuration.
 */
@RestController
class UserController {

	private final Accounts accounts;

	private final AuditLog audit;

	private final Idempotency idempotency;

	UserController(Accounts accounts, AuditLog audit, Idempotency idempotency) {
		this.accounts = accounts;
		this.audit = audit;
		this.idempotency = idempotency;
	}

	@GetMapping("/api/v1/me")
	UserViews.Me me(CurrentUser user) {
		if (user.client()) {
			// an integrating system or a service is not a person
			throw ApiException.forbidden();
		}
		return this.accounts.me(user);
	}

	@GetMapping("/api/v1/members")
	PageView<UserViews.Member> members(CurrentUser user, @RequestParam(required = false) @Size(max = 50) String q,
			@RequestParam(required = false) @Size(max = 64) String sector,
			@RequestParam(defaultValue = "1") @Min(1) long page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) long size) {
		return this.accounts.members(q, sector, page, size, user.hasRole("ADMIN"));
	}

	/**
	 * Creates an account. The {@code Idempotency-Key} fingerprint leaves the password
	 * out: it is never stored, not even hashed with the rest of the body.
	 */
	@ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = UserViews.Account.class)))
	@PostMapping("/api/v1/users")
	ResponseEntity<Object> create(@Valid @RequestBody UserRequests.Create request, CurrentUser user,
			@RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
		UserRequests.Create fingerprint = new UserRequests.Create(request.username(), null, request.displayName(),
				request.roles(), request.unitId(), request.sector(), request.phone(), request.email(),
				request.idNumber(), request.enabled());
		return this.idempotency.execute(idempotencyKey, user.id(), fingerprint, () -> {
			UserViews.Account account = this.audit.around("USER_CREATE", "USER", null,
					() -> this.accounts.create(request), UserViews.Account::id);
			return ResponseEntity.created(URI.create("/api/v1/users/" + account.id()))
				.eTag(String.valueOf(account.version()))
				.body(account);
		});
	}

	@GetMapping("/api/v1/users/{id}")
	ResponseEntity<UserViews.Account> get(@PathVariable long id) {
		UserViews.Account account = this.accounts.get(id);
		return ResponseEntity.ok().eTag(String.valueOf(account.version())).body(account);
	}

	@PutMapping("/api/v1/users/{id}")
	ResponseEntity<UserViews.Account> update(@PathVariable long id, @Valid @RequestBody UserRequests.Update request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Integer expected = version(ifMatch);
		UserViews.Account account = this.audit.around("USER_UPDATE", "USER", String.valueOf(id),
				() -> this.accounts.update(id, request, expected), null);
		return ResponseEntity.ok().eTag(String.valueOf(account.version())).body(account);
	}

	@GetMapping("/api/v1/internal/people")
	List<UserViews.Person> people(
			@RequestParam(required = false) @Pattern(regexp = "[0-9]{1,19}(,[0-9]{1,19}){0,199}") String ids,
			@RequestParam(required = false) @Min(1) Long unitId, @RequestParam(required = false) Role role) {
		List<Long> idList = (ids != null) ? Arrays.stream(ids.split(",")).map(Long::valueOf).toList() : null;
		return this.accounts.people(idList, unitId, role);
	}

	private static Integer version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String value = ifMatch.trim().replace("W/", "").replace("\"", "");
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		}
	}

}
