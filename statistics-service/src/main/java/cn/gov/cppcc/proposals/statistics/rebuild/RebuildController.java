package cn.gov.cppcc.proposals.statistics.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.statistics.audit.AuditLog;

@RestController
@Tag(name = "统计重建 Rebuild")
class RebuildController {

	private final RebuildService rebuilds;

	private final AuditLog audit;

	RebuildController(RebuildService rebuilds, AuditLog audit) {
		this.rebuilds = rebuilds;
		this.audit = audit;
	}

	@Operation(summary = "从事件流重建统计数据（ADMIN）",
			description = "Replays proposal-service's event feed from position 0 in the background and replaces the "
					+ "read model atomically when done. 202 with the progress; 409 rebuild-running if one runs.")
	@PostMapping("/api/v1/statistics/rebuild")
	ResponseEntity<RebuildProgress> start(CurrentUser user) {
		try {
			RebuildProgress progress = this.rebuilds.start("ADMIN");
			this.audit.record(user, "statistics.rebuild", "read-model", "proposal-events", "SUCCESS", null);
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(progress);
		}
		catch (ApiException ex) {
			this.audit.record(user, "statistics.rebuild", "read-model", "proposal-events", "FAILURE", ex.getCode());
			throw ex;
		}
	}

	@Operation(summary = "重建进度（ADMIN）", description = "processed events, latest known position, percent, state.")
	@GetMapping("/api/v1/statistics/rebuild")
	RebuildProgress progress() {
		return this.rebuilds.progress();
	}

}
