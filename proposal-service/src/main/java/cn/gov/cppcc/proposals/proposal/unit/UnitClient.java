package cn.gov.cppcc.proposals.proposal.unit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * This service's own client of department-service's unit directory (the caller owns its
 * client and DTOs). Wrapped in a Resilience4j circuit breaker by Spring Cloud OpenFeign;
 * timeouts from {@code spring.cloud.openfeign.client.config}.
 */
@FeignClient(name = "department-service", contextId = "unitClient")
interface UnitClient {

	@GetMapping("/api/v1/units/{id}")
	UnitDto unit(@PathVariable("id") String id);

	/**
	 * The fields of a unit this service relies on.
	 *
	 * @param id unit id
	 * @param name unit name
	 * @param type PROVINCIAL_DEPARTMENT, CITY_GOVERNMENT, ORGANISATION or CPPCC_BODY
	 * @param active whether the unit still handles proposals (absent = active)
	 * @param enabled alternative spelling of {@code active}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record UnitDto(String id, String name, String type, Boolean active, Boolean enabled) {

		boolean isActive() {
			return !Boolean.FALSE.equals(this.active) && !Boolean.FALSE.equals(this.enabled);
		}

	}

}
