package cn.gov.cppcc.proposals.department.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.department.support.PageView;
import cn.gov.cppcc.proposals.department.support.Times;

/**
 * Reads audit logs: this service's own, and the merged view across services for the
 * auditor. A service that does not answer (down, breaker open, refused) is left out and
 * named in {@code missingSources}; the answer is never a failure for that reason.
 */
@Service
class AuditQueries {

	private static final Logger log = LoggerFactory.getLogger(AuditQueries.class);

	private static final int REMOTE_PAGE = 100;

	private final AuditMapper mapper;

	private final List<RemoteAuditSource> remotes;

	private final AuditProperties properties;

	AuditQueries(AuditMapper mapper, List<RemoteAuditSource> remotes, AuditProperties properties) {
		this.mapper = mapper;
		this.remotes = remotes;
		this.properties = properties;
	}

	PageView<AuditEntryView> own(AuditQuery query, long page, long size) {
		return PageView.of(this.mapper.search(query, page, size), AuditLog::view);
	}

	/**
	 * The newest {@code page × size} entries of every source are fetched, merged by time
	 * and cut to the requested page; {@code total} is the sum of the sources' totals.
	 */
	MergedAuditPage merged(AuditQuery query, long page, long size, String authorization) {
		long window = page * size;
		if (window > this.properties.maxMergeWindow()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "audit-window-too-deep", this.properties.maxMergeWindow());
		}
		List<AuditEntryView> all = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		Page<AuditEntry> own = this.mapper.search(query, 1, window);
		own.getRecords().stream().map(AuditLog::view).forEach(all::add);
		long total = own.getTotal();
		sources.add(AuditLog.SOURCE);
		// other services filter by user id only: a username is resolved here (a client's
		// id is its username)
		String remoteUserId = query.userId();
		if (remoteUserId == null && query.username() != null) {
			String id = this.mapper.userIdOf(query.username());
			remoteUserId = (id != null) ? id : query.username();
		}
		for (RemoteAuditSource remote : this.remotes) {
			if (!this.properties.sources().contains(remote.serviceName())) {
				continue;
			}
			try {
				List<AuditEntryView> rows = new ArrayList<>();
				long remoteTotal = 0;
				for (long p = 1; rows.size() < window; p++) {
					RemoteAuditPage answer = remote.client()
						.auditLog(authorization, remoteUserId, query.username(), query.action(), text(query.from()),
								text(query.to()), p, REMOTE_PAGE);
					if (answer == null || answer.items() == null) {
						break;
					}
					remoteTotal = (answer.total() != null) ? answer.total() : remoteTotal;
					answer.items().forEach((item) -> rows.add(fromRemote(remote.serviceName(), item)));
					if (answer.items().size() < REMOTE_PAGE || rows.size() >= remoteTotal) {
						break;
					}
				}
				all.addAll(rows);
				total += remoteTotal;
				sources.add(remote.serviceName());
			}
			catch (RuntimeException ex) {
				log.warn("Audit source {} unavailable: {}", remote.serviceName(), ex.getClass().getSimpleName());
				missing.add(remote.serviceName());
			}
		}
		all.sort(Comparator.comparing(AuditEntryView::occurredAt, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(AuditEntryView::source)
			.thenComparing(AuditEntryView::id, Comparator.reverseOrder()));
		int fromIndex = (int) Math.min(all.size(), (page - 1) * size);
		int toIndex = (int) Math.min(all.size(), fromIndex + size);
		return new MergedAuditPage(List.copyOf(all.subList(fromIndex, toIndex)), page, size, total, sources, missing);
	}

	private static String text(OffsetDateTime time) {
		return (time != null) ? time.toString() : null;
	}

	static AuditEntryView fromRemote(String source, Map<String, Object> item) {
		return new AuditEntryView(string(item.get("id")), source, time(item.get("occurredAt")),
				string(item.get("userId")), string(item.get("username")), roles(item.get("roles")),
				string(item.get("unitId")), string(item.get("action")), string(item.get("targetType")),
				string(item.get("targetId")), string(item.get("result")), string(item.get("ip")),
				string(item.get("userAgent")), string(item.get("requestId")), string(item.get("detail")));
	}

	private static String string(Object value) {
		return (value != null) ? String.valueOf(value) : null;
	}

	private static OffsetDateTime time(Object value) {
		if (value instanceof Number seconds) {
			// a service writing dates as numbers: epoch seconds with fraction
			long millis = (long) (seconds.doubleValue() * 1000);
			return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), Times.DISPLAY_ZONE);
		}
		if (value instanceof String text) {
			try {
				return OffsetDateTime.parse(text);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
		return null;
	}

	private static List<String> roles(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		if (value instanceof String text && !text.isBlank()) {
			return Arrays.asList(text.split(","));
		}
		return List.of();
	}

}
