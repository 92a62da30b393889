package cn.gov.cppcc.proposals.department.unit;

import java.net.URI;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.department.audit.AuditLog;
import cn.gov.cppcc.proposals.department.idempotency.Idempotency;
import cn.gov.cppcc.proposals.department.support.PageView;

/**
 * Handling units (API.md "Organisation"): anyone signed in reads, ADMIN maintains (rules
 * in the security configuration).
 */
@RestController
@RequestMapping("/api/v1/units")
class UnitController {

	private final Units units;

	private final AuditLog audit;

	private final Idempotency idempotency;

	UnitController(Units units, AuditLog audit, Idempotency idempotency) {
		this.units = units;
		this.audit = audit;
		this.idempotency = idempotency;
	}

	@GetMapping
	PageView<UnitView> list(@RequestParam(required = false) @Size(max = 50) String q,
			@RequestParam(required = false) UnitType type, @RequestParam(required = false) Boolean active,
			@RequestParam(defaultValue = "1") @Min(1) long page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) long size) {
		return this.units.search(q, type, active, page, size);
	}

	@GetMapping("/{id}")
	ResponseEntity<UnitView> get(@PathVariable long id) {
		UnitView unit = this.units.get(id);
		return ResponseEntity.ok().eTag(String.valueOf(unit.version())).body(unit);
	}

	@ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = UnitView.class)))
	@PostMapping
	ResponseEntity<Object> create(@Valid @RequestBody UnitRequest request, CurrentUser user,
			@RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
		return this.idempotency.execute(idempotencyKey, user.id(), request, () -> {
			UnitView unit = this.audit.around("UNIT_CREATE", "UNIT", null, () -> this.units.create(request),
					UnitView::id);
			return ResponseEntity.created(URI.create("/api/v1/units/" + unit.id()))
				.eTag(String.valueOf(unit.version()))
				.body(unit);
		});
	}

	@PutMapping("/{id}")
	ResponseEntity<UnitView> update(@PathVariable long id, @Valid @RequestBody UnitRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Integer expected = version(ifMatch);
		UnitView unit = this.audit.around("UNIT_UPDATE", "UNIT", String.valueOf(id),
				() -> this.units.update(id, request, expected), null);
		return ResponseEntity.ok().eTag(String.valueOf(unit.version())).body(unit);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.audit.around("UNIT_DELETE", "UNIT", String.valueOf(id), () -> {
			this.units.delete(id);
			return null;
		}, null);
		return ResponseEntity.noContent().build();
	}

	static Integer version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new ApiException(org.springframework.http.HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		}
	}

}
