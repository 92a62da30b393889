package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * {@code payload.proposal}: the event-carried state of docs/events.md, so readers need no
 * call back.
 */
public final class ProposalSnapshot {

	private ProposalSnapshot() {
	}

	public static Map<String, Object> of(Proposal p) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("id", String.valueOf(p.id));
		s.put("number", p.number);
		s.put("serial", p.serial);
		s.put("title", p.title);
		s.put("category", p.category);
		s.put("sessionId", p.sessionId);
		s.put("term", p.term);
		s.put("session", p.sessionNo);
		s.put("status", p.status.name());
		s.put("keyProposal", p.keyProposal);
		s.put("authorId", p.authorId);
		s.put("proposerIds", p.proposerIds());
		s.put("invitedCoSignerIds",
				p.coSigners.entrySet()
					.stream()
					.filter((e) -> e.getValue() == CoSignerStatus.INVITED)
					.map(Map.Entry::getKey)
					.toList());
		s.put("organisation", p.organisation);
		s.put("mode", (p.mode != null) ? p.mode.name() : null);
		s.put("leadUnitId", p.leadUnitId());
		s.put("coUnitIds", p.activeUnits(UnitRole.CO));
		s.put("separateUnitIds", p.activeUnits(UnitRole.SEPARATE));
		s.put("submittedAt", time(p.submittedAt));
		s.put("filedAt", time(p.filedAt));
		s.put("assignedAt", time(p.assignedAt));
		s.put("repliedAt", time(p.repliedAt));
		s.put("closedAt", time(p.closedAt));
		s.put("replyDeadline", str(p.replyDeadline));
		s.put("hardDeadline", str(p.hardDeadline));
		s.put("round", p.round);
		s.put("publicationLevel", (p.publicationLevel != null) ? p.publicationLevel.name() : null);
		return s;
	}

	public static String time(Instant instant) {
		return (instant != null) ? instant.atZone(Db.ZONE).toOffsetDateTime().toString() : null;
	}

	private static String str(Object value) {
		return (value != null) ? value.toString() : null;
	}

	static List<String> ids(List<String> ids) {
		return List.copyOf(ids);
	}

}
