package cn.gov.cppcc.proposals.department.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services whose audit logs the auditor's view merges (docs/DEVELOPING.md "Audit").
 */
@Configuration(proxyBeanMethods = false)
class AuditSourcesConfig {

	@Bean
	RemoteAuditSource proposalAuditSource(ProposalAuditClient client) {
		return new RemoteAuditSource("proposal-service", client::auditLog);
	}

	@Bean
	RemoteAuditSource notificationAuditSource(NotificationAuditClient client) {
		return new RemoteAuditSource("notification-service", client::auditLog);
	}

	@Bean
	RemoteAuditSource statisticsAuditSource(StatisticsAuditClient client) {
		return new RemoteAuditSource("statistics-service", client::auditLog);
	}

}
