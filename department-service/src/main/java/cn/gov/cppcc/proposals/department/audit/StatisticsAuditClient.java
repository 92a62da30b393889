package cn.gov.cppcc.proposals.department.audit;

import org.springframework.cloud.openfeign.FeignClient;

/** The audit log of statistics-service, behind a circuit breaker. */
@FeignClient(name = "statistics-service", contextId = "statisticsAuditClient")
interface StatisticsAuditClient extends InternalAuditLogApi {

}
