package cn.gov.cppcc.proposals.department.audit;

import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prunes the audit and login logs older than the retention (at least 184 days, issue 3 /
 * 等保 2.0 安全审计), once across all instances (ShedLock), in batches.
 */
@Component
class LogRetentionJob {

	private static final Logger log = LoggerFactory.getLogger(LogRetentionJob.class);

	private final AuditMapper mapper;

	private final AuditProperties properties;

	LogRetentionJob(AuditMapper mapper, AuditProperties properties) {
		this.mapper = mapper;
		this.properties = properties;
	}

	@Scheduled(cron = "${platform.audit.prune-cron:0 30 3 * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "department-log-retention", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
	void prune() {
		int removed = prune(Instant.now().minus(this.properties.retention()));
		log.info("Log retention: {} rows older than {} removed", removed, this.properties.retention());
	}

	int prune(Instant before) {
		int total = 0;
		int batch;
		do {
			batch = this.mapper.deleteOlderThan(before);
			total += batch;
		}
		while (batch > 0);
		do {
			batch = this.mapper.deleteLoginLogOlderThan(before);
			total += batch;
		}
		while (batch > 0);
		return total;
	}

}
