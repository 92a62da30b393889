package cn.gov.cppcc.proposals.department.auth;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.audit.AuditLog;
import cn.gov.cppcc.proposals.department.config.IdentityProperties;
import cn.gov.cppcc.proposals.department.key.AccessTokens;
import cn.gov.cppcc.proposals.department.support.ClientInfo;
import cn.gov.cppcc.proposals.department.token.RefreshTokens;
import cn.gov.cppcc.proposals.department.user.Accounts;
import cn.gov.cppcc.proposals.department.user.LoginAccount;

/**
 * Login, refresh and logout (API.md "Identity"), with login protection (等保 2.0 身份鉴别): an
 * account is locked for {@code lockDuration} once {@code lockThreshold} passwords in
 * {@code lockWindow} were wrong (default 5 in 15 minutes); every attempt goes to the
 * login log with IP and user agent; an unknown user and a wrong password answer alike.
 */
@Service
class Login {

	/** Results written to login_log. */
	enum Result {

		SUCCESS, BAD_CREDENTIALS, LOCKED, REJECTED_LOCKED, DISABLED

	}

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final RefreshTokens refreshTokens;

	private final AccessTokens accessTokens;

	private final LoginLogMapper loginLog;

	private final AuditLog audit;

	private final IdentityProperties properties;

	private final TransactionTemplate tx;

	/** Compared against when the user does not exist, so both cases take as long. */
	private final String dummyHash;

	Login(Accounts accounts, PasswordEncoder encoder, RefreshTokens refreshTokens, AccessTokens accessTokens,
			LoginLogMapper loginLog, AuditLog audit, IdentityProperties properties,
			PlatformTransactionManager transactions) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.loginLog = loginLog;
		this.audit = audit;
		this.properties = properties;
		this.tx = new TransactionTemplate(transactions);
		this.dummyHash = encoder.encode("not-a-password-" + System.nanoTime());
	}

	AuthRecords.TokenPair login(String username, String password) {
		// the failure count and the log commit even though the request then fails
		Outcome outcome = this.tx.execute((status) -> attempt(username, password));
		return switch (outcome.result()) {
			case SUCCESS -> tokens(outcome.account());
			case REJECTED_LOCKED -> throw new ApiException(HttpStatus.LOCKED, "account-locked");
			default -> throw new ApiException(HttpStatus.UNAUTHORIZED, "bad-credentials");
		};
	}

	private record Outcome(Result result, LoginAccount account) {
	}

	private Outcome attempt(String username, String password) {
		Instant now = Instant.now();
		LoginAccount account = this.accounts.lockForLogin(username).orElse(null);
		if (account == null) {
			this.encoder.matches(password, this.dummyHash);
			log(null, username, Result.BAD_CREDENTIALS);
			return new Outcome(Result.BAD_CREDENTIALS, null);
		}
		if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
			log(account.id(), username, Result.REJECTED_LOCKED);
			return new Outcome(Result.REJECTED_LOCKED, account);
		}
		boolean matches = this.encoder.matches(password, account.passwordHash());
		if (!account.enabled()) {
			log(account.id(), username, Result.DISABLED);
			return new Outcome(Result.DISABLED, account);
		}
		if (!matches) {
			boolean windowOpen = account.firstFailedAt() != null
					&& account.firstFailedAt().isAfter(now.minus(this.properties.lockWindow()));
			int failures = windowOpen ? account.failedCount() + 1 : 1;
			Instant first = windowOpen ? account.firstFailedAt() : now;
			if (failures >= this.properties.lockThreshold()) {
				this.accounts.updateLoginState(account.id(), 0, null, now.plus(this.properties.lockDuration()));
				log(account.id(), username, Result.LOCKED);
				return new Outcome(Result.LOCKED, account);
			}
			this.accounts.updateLoginState(account.id(), failures, first, null);
			log(account.id(), username, Result.BAD_CREDENTIALS);
			return new Outcome(Result.BAD_CREDENTIALS, account);
		}
		if (account.failedCount() > 0 || account.lockedUntil() != null) {
			this.accounts.updateLoginState(account.id(), 0, null, null);
		}
		log(account.id(), username, Result.SUCCESS);
		return new Outcome(Result.SUCCESS, account);
	}

	AuthRecords.TokenPair refresh(String raw) {
		RefreshTokens.Rotation rotation = this.refreshTokens.rotate(raw);
		if (rotation.outcome() == RefreshTokens.Outcome.REUSED) {
			this.audit.record(null, "REFRESH_TOKEN_REUSE", "USER", String.valueOf(rotation.userId()),
					AuditLog.Result.DENIED, "family revoked");
		}
		if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid-refresh-token");
		}
		LoginAccount account = this.accounts.findForToken(rotation.userId()).orElse(null);
		Instant now = Instant.now();
		if (account == null || !account.enabled()
				|| (account.lockedUntil() != null && account.lockedUntil().isAfter(now))) {
			this.refreshTokens.revokeFamily(rotation.familyId(), "ACCOUNT_UNAVAILABLE");
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid-refresh-token");
		}
		AccessTokens.Issued access = this.accessTokens.forUser(account.id(), account.username(), account.displayName(),
				account.roles(), account.unitId());
		return new AuthRecords.TokenPair(access.value(), rotation.newToken(), "Bearer", access.expiresIn(),
				this.properties.refreshIdle().toSeconds());
	}

	/**
	 * Revokes the given refresh token's family, or every refresh token of the user when
	 * none is given. Idempotent: an unknown, already revoked or somebody else's token
	 * changes nothing and is not reported (no hint about other people's tokens).
	 */
	void logout(CurrentUser user, String raw) {
		long userId = Long.parseLong(user.id());
		if (raw != null) {
			this.refreshTokens.revoke(raw, userId);
		}
		else {
			this.refreshTokens.revokeAllForUser(userId, "LOGOUT");
		}
	}

	private AuthRecords.TokenPair tokens(LoginAccount account) {
		AccessTokens.Issued access = this.accessTokens.forUser(account.id(), account.username(), account.displayName(),
				account.roles(), account.unitId());
		String refresh = this.refreshTokens.issue(account.id());
		return new AuthRecords.TokenPair(access.value(), refresh, "Bearer", access.expiresIn(),
				this.properties.refreshIdle().toSeconds());
	}

	private void log(Long userId, String username, Result result) {
		ClientInfo client = ClientInfo.current();
		LoginLogEntry entry = new LoginLogEntry();
		entry.occurredAt = Instant.now();
		entry.userId = userId;
		entry.username = (username.length() > 64) ? username.substring(0, 64) : username;
		entry.result = result.name();
		entry.ip = client.ip();
		entry.userAgent = client.userAgent();
		entry.requestId = client.requestId();
		this.loginLog.insert(entry);
	}

}
