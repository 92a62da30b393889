package cn.gov.cppcc.proposals.notification.routing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * This service's copy of {@code payload.proposal} (docs/events.md): only the fields it
 * reads; unknown fields are ignored because the contract only grows.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProposalSnapshot(String id, String number, String title, String authorId, List<String> proposerIds,
		List<String> invitedCoSignerIds, String mode, String leadUnitId, List<String> coUnitIds,
		List<String> separateUnitIds, String replyDeadline) {

	public List<String> proposers() {
		if (this.proposerIds != null && !this.proposerIds.isEmpty()) {
			return this.proposerIds;
		}
		return (this.authorId != null) ? List.of(this.authorId) : List.of();
	}

	/**
	 * Units answering the proposal: the lead unit, or each unit when handled separately.
	 */
	public List<String> answeringUnits() {
		if ("SEPARATE".equals(this.mode) && this.separateUnitIds != null && !this.separateUnitIds.isEmpty()) {
			return this.separateUnitIds;
		}
		return (this.leadUnitId != null) ? List.of(this.leadUnitId) : List.of();
	}

	/** Every unit involved: lead, co-handling and separate units. */
	public List<String> allUnits() {
		java.util.LinkedHashSet<String> units = new java.util.LinkedHashSet<>();
		if (this.leadUnitId != null) {
			units.add(this.leadUnitId);
		}
		if (this.coUnitIds != null) {
			units.addAll(this.coUnitIds);
		}
		if (this.separateUnitIds != null) {
			units.addAll(this.separateUnitIds);
		}
		return List.copyOf(units);
	}

}
