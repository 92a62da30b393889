package cn.gov.cppcc.proposals.department.unit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/units} and {@code PUT /api/v1/units/{id}}.
 *
 * @param code unique code: capitals, digits, {@code -} or {@code _}
 * @param name full name
 * @param shortName short name
 * @param type kind of unit
 * @param parentId parent unit
 * @param responsibilities what the unit handles
 * @param contact contact office
 * @param active whether it takes assignments (default true)
 */
record UnitRequest(@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Z0-9_-]{2,32}") String code,
		@NotBlank @Size(max = 100) String name, @Size(max = 50) String shortName, @NotNull UnitType type,
		@Positive Long parentId, @Size(max = 4000) String responsibilities, @Size(max = 200) String contact,
		Boolean active) {
}
