package cn.gov.cppcc.proposals.department.auth;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.audit.AuditLog;

/**
 * {@code /api/v1/auth/login}, {@code /refresh} (anyone) and {@code /logout} (signed in).
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Login login;

	private final AuditLog audit;

	AuthController(Login login, AuditLog audit) {
		this.login = login;
		this.audit = audit;
	}

	@PostMapping("/login")
	ResponseEntity<AuthRecords.TokenPair> login(@Valid @RequestBody AuthRecords.LoginRequest request) {
		return noStore(this.login.login(request.username().trim(), request.password()));
	}

	@PostMapping("/refresh")
	ResponseEntity<AuthRecords.TokenPair> refresh(@Valid @RequestBody AuthRecords.RefreshRequest request) {
		return noStore(this.login.refresh(request.refreshToken()));
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout(CurrentUser user,
			@Valid @RequestBody(required = false) AuthRecords.RefreshRequest request) {
		if (user.client()) {
			throw ApiException.forbidden();
		}
		this.audit.around("LOGOUT", "USER", user.id(), () -> {
			this.login.logout(user, (request != null) ? request.refreshToken() : null);
			return null;
		}, null);
		return ResponseEntity.noContent().build();
	}

	private static <T> ResponseEntity<T> noStore(T body) {
		return ResponseEntity.ok().header("Cache-Control", "no-store").header("Pragma", "no-cache").body(body);
	}

}
