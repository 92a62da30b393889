package cn.gov.cppcc.proposals.proposal.proposal;

/**
 * How the committee supervised a key proposal (督办): a supervision meeting, an inspection
 * on site, a survey, a forum with the units and members, or a supervision letter.
 */
public enum SupervisionKind {

	MEETING, INSPECTION, SURVEY, FORUM, LETTER

}
