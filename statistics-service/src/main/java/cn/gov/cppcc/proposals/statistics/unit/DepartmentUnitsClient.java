package cn.gov.cppcc.proposals.statistics.unit;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * department-service's handling units (API.md, Units), only the fields statistics shows.
 */
@FeignClient(name = "department-service", contextId = "departmentUnits")
interface DepartmentUnitsClient {

	@GetMapping("/api/v1/units")
	UnitPage units(@RequestParam("page") int page, @RequestParam("size") int size);

	record UnitPage(List<Unit> items, int page, int size, long total) {
	}

	record Unit(String id, String code, String name) {
	}

}
