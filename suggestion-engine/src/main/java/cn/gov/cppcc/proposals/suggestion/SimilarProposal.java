package cn.gov.cppcc.proposals.suggestion;

/**
 * An earlier proposal on the same matter, a candidate for merging (并案) or a piece of
 * history.
 *
 * @param id the proposal's id
 * @param title its title
 * @param sessionLabel its session
 * @param score cosine similarity of the two texts (tf-idf over the analyzed words), in
 * [0, 1]
 * @param leadUnitId where it went
 * @param outcome its outcome, may be null
 */
public record SimilarProposal(String id, String title, String sessionLabel, double score, String leadUnitId,
		String outcome) {
}
