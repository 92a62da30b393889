package cn.gov.cppcc.proposals.department.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.support.ClientInfo;
import cn.gov.cppcc.proposals.department.support.Times;

/**
 * Appends to {@code audit_log}: every write of this service, with who, role, unit,
 * action, target, result, time, IP, user agent and request id. Entries are written
 * outside the business transaction, so a failed or refused write is recorded too.
 */
@Service
public class AuditLog {

	/** Outcome of an audited action. */
	public enum Result {

		SUCCESS, FAILURE, DENIED

	}

	static final String SOURCE = "department-service";

	private final AuditMapper mapper;

	AuditLog(AuditMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Runs a write and records it: SUCCESS when it returns, FAILURE (with the problem
	 * code) when it throws.
	 * @param <T> result type
	 * @param action the action code
	 * @param targetType the kind of target
	 * @param targetId the target id, or {@code null} when the write creates it
	 * @param work the write
	 * @param idOf reads the target id from the result (for creates)
	 * @return the result of the write
	 */
	public <T> T around(String action, String targetType, String targetId, Supplier<T> work,
			java.util.function.Function<T, String> idOf) {
		T result;
		try {
			result = work.get();
		}
		catch (ApiException ex) {
			record(CurrentUser.current(), action, targetType, targetId, Result.FAILURE, ex.getCode());
			throw ex;
		}
		catch (RuntimeException ex) {
			record(CurrentUser.current(), action, targetType, targetId, Result.FAILURE, ex.getClass().getSimpleName());
			throw ex;
		}
		String id = (targetId != null) ? targetId : ((result != null && idOf != null) ? idOf.apply(result) : null);
		record(CurrentUser.current(), action, targetType, id, Result.SUCCESS, null);
		return result;
	}

	public void record(CurrentUser actor, String action, String targetType, String targetId, Result result,
			String detail) {
		ClientInfo client = ClientInfo.current();
		AuditEntry entry = new AuditEntry();
		entry.occurredAt = Instant.now();
		if (actor != null) {
			entry.userId = actor.id();
			entry.username = actor.username();
			entry.roles = String.join(",", actor.roles());
			entry.unitId = actor.unitId();
		}
		entry.action = action;
		entry.targetType = targetType;
		entry.targetId = targetId;
		entry.result = result.name();
		entry.ip = client.ip();
		entry.userAgent = client.userAgent();
		entry.requestId = client.requestId();
		entry.detail = (detail != null && detail.length() > 500) ? detail.substring(0, 500) : detail;
		this.mapper.insert(entry);
	}

	static AuditEntryView view(AuditEntry entry) {
		List<String> roles = (entry.roles == null || entry.roles.isBlank()) ? List.of()
				: Arrays.asList(entry.roles.split(","));
		return new AuditEntryView(String.valueOf(entry.id), SOURCE, Times.display(entry.occurredAt), entry.userId,
				entry.username, roles, entry.unitId, entry.action, entry.targetType, entry.targetId, entry.result,
				entry.ip, entry.userAgent, entry.requestId, entry.detail);
	}

}
