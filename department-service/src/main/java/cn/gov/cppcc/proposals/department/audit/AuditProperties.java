package cn.gov.cppcc.proposals.department.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit settings.
 *
 * @param retention audit and login logs are kept at least this long (issue 3: 184 days)
 * @param sources the services whose audit logs {@code GET /api/v1/audit-log} merges in
 * @param maxMergeWindow deepest row ({@code page × size}) a merged query may reach
 */
@ConfigurationProperties("platform.audit")
record AuditProperties(@DefaultValue("184d") Duration retention, @DefaultValue( {
		"proposal-service", "notification-service", "statistics-service" }) List<String> sources,
		@DefaultValue("1000") int maxMergeWindow){
}
