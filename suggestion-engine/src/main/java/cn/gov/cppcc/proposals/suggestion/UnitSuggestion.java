package cn.gov.cppcc.proposals.suggestion;

import java.util.List;

/**
 * A suggested handling unit.
 *
 * @param unitId the unit's id
 * @param unitName the unit's name
 * @param role LEAD for the first suggestion, CO for the others
 * @param score the combined score in [0, 1]; the lead has the highest
 * @param reasons what a person can check: matched responsibilities and earlier similar
 * proposals
 */
public record UnitSuggestion(String unitId, String unitName, Role role, double score, List<String> reasons) {

	public UnitSuggestion {
		reasons = (reasons == null) ? List.of() : List.copyOf(reasons);
	}

	/** The role a suggested unit would take in the assignment (交办). */
	public enum Role {

		/** 主办. */
		LEAD,

		/** 协办/会办. */
		CO

	}

}
