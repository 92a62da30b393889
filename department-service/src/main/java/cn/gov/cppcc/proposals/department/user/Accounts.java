package cn.gov.cppcc.proposals.department.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.error.FieldProblem;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.support.Masking;
import cn.gov.cppcc.proposals.department.support.PageView;
import cn.gov.cppcc.proposals.department.support.Times;
import cn.gov.cppcc.proposals.department.token.RefreshTokens;
import cn.gov.cppcc.proposals.department.unit.UnitView;
import cn.gov.cppcc.proposals.department.unit.Units;

/**
 * People and their accounts.
 */
@Service
public class Accounts {

	private final UserMapper mapper;

	private final Units units;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final RefreshTokens refreshTokens;

	Accounts(UserMapper mapper, Units units, PasswordEncoder encoder, PasswordPolicy policy,
			RefreshTokens refreshTokens) {
		this.mapper = mapper;
		this.units = units;
		this.encoder = encoder;
		this.policy = policy;
		this.refreshTokens = refreshTokens;
	}

	@Transactional
	UserViews.Account create(UserRequests.Create request) {
		this.policy.check(request.username(), request.password());
		checkUnit(request.roles(), request.unitId());
		if (this.mapper.findByUsername(request.username()) != null) {
			throw ApiException.conflict("username-taken", request.username());
		}
		UserAccount account = new UserAccount();
		account.username = request.username();
		account.passwordHash = this.encoder.encode(request.password());
		account.displayName = request.displayName().trim();
		account.roles = roles(request.roles());
		account.unitId = request.unitId();
		account.sector = request.sector();
		account.phone = request.phone();
		account.email = request.email();
		account.idNumber = request.idNumber();
		account.enabled = (request.enabled() != null) ? request.enabled() : Boolean.TRUE;
		account.failedCount = 0;
		account.version = 0;
		account.createdAt = Instant.now();
		account.updatedAt = account.createdAt;
		account.passwordChangedAt = account.createdAt;
		try {
			this.mapper.insert(account);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("username-taken", request.username());
		}
		return adminView(this.mapper.selectById(account.id));
	}

	/**
	 * Replaces an account. Disabling it or setting a new password revokes all its refresh
	 * tokens (issue 3), so the person is signed out everywhere once the access token
	 * expires.
	 */
	@Transactional
	UserViews.Account update(long id, UserRequests.Update request, Integer expectedVersion) {
		UserAccount account = this.mapper.selectById(id);
		if (account == null) {
			throw ApiException.notFound();
		}
		if (expectedVersion != null && !expectedVersion.equals(account.version)) {
			throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		}
		checkUnit(request.roles(), request.unitId());
		boolean staysAdmin = request.enabled() && request.roles().contains(Role.ADMIN);
		if (account.roleList().contains(Role.ADMIN.name()) && Boolean.TRUE.equals(account.enabled) && !staysAdmin
				&& this.mapper.countOtherEnabledAdmins(id) == 0) {
			// somebody must still be able to administer the platform
			throw ApiException.conflict("last-admin");
		}
		boolean revoke = false;
		if (request.password() != null) {
			this.policy.check(account.username, request.password());
			account.passwordHash = this.encoder.encode(request.password());
			account.passwordChangedAt = Instant.now();
			revoke = true;
		}
		if (Boolean.TRUE.equals(account.enabled) && !request.enabled()) {
			revoke = true;
		}
		if (request.enabled() && !Boolean.TRUE.equals(account.enabled)) {
			// re-enabling also lifts a lock
			account.failedCount = 0;
			account.firstFailedAt = null;
			account.lockedUntil = null;
		}
		account.displayName = request.displayName().trim();
		account.roles = roles(request.roles());
		account.unitId = request.unitId();
		account.sector = request.sector();
		account.phone = request.phone();
		account.email = request.email();
		account.idNumber = request.idNumber();
		account.enabled = request.enabled();
		account.updatedAt = Instant.now();
		if (this.mapper.updateById(account) == 0) {
			throw ApiException.conflict("concurrent-modification");
		}
		if (revoke) {
			this.refreshTokens.revokeAllForUser(id, request.enabled() ? "PASSWORD_CHANGED" : "DISABLED");
		}
		return adminView(this.mapper.selectById(id));
	}

	UserViews.Account get(long id) {
		UserAccount account = this.mapper.selectById(id);
		if (account == null) {
			throw ApiException.notFound();
		}
		return adminView(account);
	}

	UserViews.Me me(CurrentUser user) {
		UserAccount account = parseId(user.id()).map(this.mapper::selectById).orElse(null);
		if (account == null) {
			throw ApiException.notFound();
		}
		UserViews.UnitRef unit = null;
		if (account.unitId != null && this.units.exists(account.unitId)) {
			UnitView view = this.units.get(account.unitId);
			unit = new UserViews.UnitRef(view.id(), view.name());
		}
		return new UserViews.Me(String.valueOf(account.id), account.username, account.displayName, account.roleList(),
				(account.unitId != null) ? String.valueOf(account.unitId) : null, unit, account.sector,
				Masking.phone(account.phone), account.email);
	}

	PageView<UserViews.Member> members(String q, String sector, long page, long size, boolean admin) {
		return PageView.of(this.mapper.members(q, sector, page, size),
				(a) -> new UserViews.Member(String.valueOf(a.id), a.username, a.displayName, a.sector,
						admin ? a.phone : Masking.phone(a.phone), admin ? a.email : Masking.email(a.email),
						Boolean.TRUE.equals(a.enabled)));
	}

	List<UserViews.Person> people(List<Long> ids, Long unitId, Role role) {
		List<UserAccount> found;
		if (ids != null && !ids.isEmpty()) {
			found = this.mapper.findByIds(ids);
		}
		else if (role != null) {
			found = this.mapper.findByRole(role.name(), unitId);
		}
		else if (unitId != null) {
			found = this.mapper.findByUnit(unitId);
		}
		else {
			throw ApiException.validation(List.of(new FieldProblem("ids", "ids, unitId or role is required")));
		}
		return found.stream()
			.map((a) -> new UserViews.Person(String.valueOf(a.id), a.username, a.displayName, a.roleList(),
					(a.unitId != null) ? String.valueOf(a.unitId) : null, a.sector, a.email, a.phone,
					Boolean.TRUE.equals(a.enabled)))
			.toList();
	}

	/**
	 * The account for a login attempt, locked for update until the transaction ends so
	 * that concurrent failures are all counted. Call inside a transaction.
	 * @param username login name
	 * @return the account
	 */
	public Optional<LoginAccount> lockForLogin(String username) {
		return Optional.ofNullable(this.mapper.lockByUsername(username)).map(LoginAccount::of);
	}

	public Optional<LoginAccount> findForToken(long id) {
		return Optional.ofNullable(this.mapper.selectById(id)).map(LoginAccount::of);
	}

	public void updateLoginState(long id, int failedCount, Instant firstFailedAt, Instant lockedUntil) {
		this.mapper.updateLoginState(id, failedCount, firstFailedAt, lockedUntil);
	}

	private void checkUnit(Set<Role> roles, Long unitId) {
		boolean unitStaff = roles.stream().anyMatch(Role::unitStaff);
		if (unitStaff && unitId == null) {
			throw ApiException.validation(List.of(new FieldProblem("unitId", "unit staff need a unit")));
		}
		if (!unitStaff && unitId != null) {
			throw ApiException.validation(List.of(new FieldProblem("unitId", "only unit staff belong to a unit")));
		}
		if (unitId != null && !this.units.exists(unitId)) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unit-not-found", unitId);
		}
	}

	private static String roles(Set<Role> roles) {
		return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(","));
	}

	private static UserViews.Account adminView(UserAccount a) {
		return new UserViews.Account(String.valueOf(a.id), a.username, a.displayName, a.roleList(),
				(a.unitId != null) ? String.valueOf(a.unitId) : null, a.sector, a.phone, a.email, a.idNumber,
				Boolean.TRUE.equals(a.enabled), Times.display(a.lockedUntil), (a.version != null) ? a.version : 0);
	}

	private static Optional<Long> parseId(String id) {
		try {
			return Optional.of(Long.valueOf(id));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
