package cn.gov.cppcc.proposals.department.audit;

/**
 * Another service's audit log, by service name.
 *
 * @param serviceName the service
 * @param client the call
 */
record RemoteAuditSource(String serviceName, Call client) {

	@FunctionalInterface
	interface Call {

		RemoteAuditPage auditLog(String authorization, String userId, String username, String action, String from,
				String to, long page, long size);

	}

}
