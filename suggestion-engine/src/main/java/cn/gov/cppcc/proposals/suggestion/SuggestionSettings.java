package cn.gov.cppcc.proposals.suggestion;

/**
 * Tuning of the engine; {@link #defaults()} are the values the evaluation was run with
 * (README).
 *
 * @param knnWeight weight of the votes of similar past proposals when they are very
 * similar (the unit match gets the rest); the weight shrinks with the similarity of the
 * nearest past proposal
 * @param neighbours how many similar past proposals vote
 * @param minSimilarity a past proposal less similar than this neither votes nor is listed
 * as similar
 * @param fullConfidenceSimilarity similarity at which the votes get the whole
 * {@code knnWeight}
 * @param coVoteShare a past proposal's vote for its co-handling units, as a share of its
 * vote for its lead
 * @param coThreshold a unit is listed as CO only when its score is at least this share of
 * the lead's
 * @param cityPrior multiplier for city governments (a provincial proposal rarely goes to
 * one city)
 * @param maxQueryTerms the most distinctive terms of a long text used as the query
 * @param candidates how many past proposals BM25 fetches before they are re-ranked by
 * cosine similarity
 * @param priorStrength exponent of the units' lead priors ({@code unit-priors-zh.tsv}); 0
 * switches them off
 * @param voteSmoothing vote mass added to the votes cast when a unit's share of them is
 * taken: with few or weak neighbours the shares stay small
 * @param minVoteShare a unit's share of the votes below this counts nothing: one weak or
 * outvoted neighbour does not move a unit
 */
public record SuggestionSettings(double knnWeight, int neighbours, double minSimilarity,
		double fullConfidenceSimilarity, double coVoteShare, double coThreshold, double cityPrior, int maxQueryTerms,
		int candidates, double priorStrength, double voteSmoothing, double minVoteShare) {

	public static SuggestionSettings defaults() {
		return new SuggestionSettings(0.6, 12, 0.12, 0.45, 0.3, 0.3, 0.7, 48, 40, 1.0, 0.1, 0.25);
	}

}
