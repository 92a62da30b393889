package cn.gov.cppcc.proposals.department.audit;

import org.springframework.cloud.openfeign.FeignClient;

/** The audit log of notification-service, behind a circuit breaker. */
@FeignClient(name = "notification-service", contextId = "notificationAuditClient")
interface NotificationAuditClient extends InternalAuditLogApi {

}
