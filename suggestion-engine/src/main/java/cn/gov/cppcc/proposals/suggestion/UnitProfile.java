package cn.gov.cppcc.proposals.suggestion;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the 派单目录: a handling unit and, in the words proposals use, what it
 * handles.
 *
 * @param unitId the unit's id in the unit directory
 * @param name the unit's name, e.g. 省工业和信息化厅
 * @param type {@code PROVINCIAL_DEPARTMENT}, {@code CITY} or {@code ORGANIZATION} (群团组织)
 * @param responsibilities what the unit handles (from its 三定方案), free Chinese text
 * @param keywords short extra terms that point at the unit
 */
public record UnitProfile(String unitId, String name, String type, String responsibilities, List<String> keywords) {

	public UnitProfile {
		Objects.requireNonNull(unitId, "unitId");
		Objects.requireNonNull(name, "name");
		type = (type == null || type.isBlank()) ? "PROVINCIAL_DEPARTMENT" : type;
		responsibilities = (responsibilities == null) ? "" : responsibilities;
		keywords = (keywords == null) ? List.of() : List.copyOf(keywords);
	}

	/**
	 * Whether the unit is a city government (its default prior is lower for provincial
	 * proposals).
	 */
	public boolean isCity() {
		return "CITY".equals(this.type);
	}

}
