package cn.gov.cppcc.proposals.notification.directory;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * department-service's internal people lookup (scope {@code internal}, called with this
 * service's own token outside user requests).
 */
@FeignClient(name = "department-service", contextId = "notificationDirectory")
interface DirectoryClient {

	@GetMapping("/api/v1/internal/people")
	List<Person> people(@RequestParam(name = "unitId", required = false) String unitId,
			@RequestParam(name = "role", required = false) String role,
			@RequestParam(name = "ids", required = false) String ids);

}
