package cn.gov.cppcc.proposals.department.audit;

import java.util.List;

/**
 * The merged audit log: the list shape of API.md plus which services answered
 * ({@code sources}) and which did not ({@code missingSources}).
 *
 * @param items entries, newest first
 * @param page page
 * @param size size
 * @param total entries in all answering sources
 * @param sources services included
 * @param missingSources services that did not answer
 */
record MergedAuditPage(List<AuditEntryView> items, long page, long size, long total, List<String> sources,
		List<String> missingSources) {
}
