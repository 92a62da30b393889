package cn.gov.cppcc.proposals.department.unit;

import java.time.OffsetDateTime;

import cn.gov.cppcc.proposals.department.support.Times;

/**
 * A handling unit as answered by {@code GET /api/v1/units/{id}}. proposal-service and the
 * suggestion engine read {@code id}, {@code code}, {@code name}, {@code type},
 * {@code parentId}, {@code responsibilities} and {@code active} (pinned by a
 * provider-side test).
 *
 * @param id id (string)
 * @param code unique code, e.g. {@code GXT}
 * @param name full name
 * @param shortName short name
 * @param type kind of unit
 * @param parentId parent unit, or {@code null}
 * @param responsibilities what the unit handles (派单目录 text)
 * @param contact contact office and phone of the unit (a public office number, not
 * personal)
 * @param active whether it still takes assignments
 * @param version version for {@code If-Match}
 * @param updatedAt last change
 */
public record UnitView(String id, String code, String name, String shortName, UnitType type, String parentId,
		String responsibilities, String contact, boolean active, int version, OffsetDateTime updatedAt) {

	static UnitView of(Unit unit) {
		return new UnitView(String.valueOf(unit.id), unit.code, unit.name, unit.shortName, unit.type,
				(unit.parentId != null) ? String.valueOf(unit.parentId) : null, unit.responsibilities, unit.contact,
				Boolean.TRUE.equals(unit.active), (unit.version != null) ? unit.version : 0,
				Times.display(unit.updatedAt));
	}

}
