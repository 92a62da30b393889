package cn.gov.cppcc.proposals.suggestion;

import java.util.List;
import java.util.Objects;

/**
 * A proposal the committee has already assigned: the engine learns "matters like this go
 * to that unit" from it.
 *
 * @param id the proposal's id (its 4-digit session number when the id is numeric, e.g.
 * 0768)
 * @param title the title (案由)
 * @param content the text, may be empty
 * @param sessionLabel e.g. 十二届一次会议
 * @param leadUnitId the lead unit (主办)
 * @param coUnitIds co-handling units (协办/会办)
 * @param outcome the result class or state, e.g. A, B, C, or null while not replied
 */
public record PastProposal(String id, String title, String content, String sessionLabel, String leadUnitId,
		List<String> coUnitIds, String outcome) {

	public PastProposal {
		Objects.requireNonNull(id, "id");
		title = (title == null) ? "" : title;
		content = (content == null) ? "" : content;
		coUnitIds = (coUnitIds == null) ? List.of() : List.copyOf(coUnitIds);
	}

}
