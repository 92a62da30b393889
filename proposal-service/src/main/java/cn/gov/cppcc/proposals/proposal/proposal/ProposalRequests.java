package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of the proposal endpoints (API.md), strict: sizes, enums, required
 * fields.
 */
final class ProposalRequests {

	private ProposalRequests() {
	}

	static final String ID = "^[0-9]{1,18}$";

	/**
	 * A draft.
	 *
	 * @param organisation optional: proposed in the name of an organisation (党派, 团体, 界别,
	 * 专门委员会), with the author as its submitting member
	 */
	record DraftRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 50000) String content,
			@NotBlank @Size(max = 32) String category,
			@NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 4000) String> suggestions,
			@Size(max = 50) List<@NotBlank @Pattern(regexp = ID) String> coProposerIds,
			@Size(max = 128) String organisation) {

		List<String> coProposers() {
			return (this.coProposerIds != null) ? this.coProposerIds : List.of();
		}

	}

	record CoSignatureRequest(@NotNull Boolean accept) {
	}

	/**
	 * @param forwardAsOpinion NOT_FILE only: ask the author's consent to forward it as an
	 * opinion (社情民意) to {@code forwardToUnitId}
	 * @param forwardToUnitId the unit it would be forwarded to, required with
	 * forwardAsOpinion
	 */
	record ReviewRequest(@NotNull ReviewDecision decision, NotFiledReason reason, @Size(max = 1000) String note,
			@Size(max = 32) String category, Boolean forwardAsOpinion, @Pattern(regexp = ID) String forwardToUnitId) {
	}

	/**
	 * The author's answer to the request to forward the not-filed proposal as an opinion.
	 */
	record ForwardingConsentRequest(@NotNull Boolean consent) {
	}

	record MergeRequest(@NotBlank @Pattern(regexp = ID) String intoId) {
	}

	record AssignmentRequest(@NotNull AssignmentMode mode, @Pattern(regexp = ID) String leadUnitId,
			@Size(max = 20) List<@NotBlank @Pattern(regexp = ID) String> coUnitIds,
			@Size(max = 20) List<@NotBlank @Pattern(regexp = ID) String> separateUnitIds) {
	}

	record ObjectionRequest(@NotBlank @Size(max = 2000) String reason) {
	}

	record ObjectionDecisionRequest(@NotNull Boolean uphold, @Pattern(regexp = ID) String newLeadUnitId,
			@Size(max = 2000) String note) {
	}

	record ExtensionRequest(@NotNull LocalDate newDeadline, @NotBlank @Size(max = 2000) String reason) {
	}

	record ExtensionDecisionRequest(@NotNull Boolean approved, @Size(max = 2000) String note) {
	}

	record CommunicationRequest(@NotNull CommunicationKind kind, @NotNull OffsetDateTime at,
			@NotBlank @Size(max = 1000) String participants, @NotBlank @Size(max = 4000) String summary) {
	}

	record CoOpinionRequest(@NotBlank @Size(max = 20000) String opinion) {
	}

	record ReplyRequest(@NotBlank @Size(max = 8) String resultClass, @NotBlank @Size(max = 100000) String body,
			@NotNull @Size(max = 30) List<@Valid @NotNull Section> sections, @NotBlank @Size(max = 64) String signer,
			@NotBlank @Size(max = 64) String contactName,
			@NotBlank @Pattern(regexp = "^[0-9+\\- ]{5,20}$") String contactPhone) {
	}

	/**
	 * The answer to one suggestion of the proposal.
	 *
	 * @param suggestionIndex 1-based index into the proposal's suggestions
	 * @param text the answer
	 */
	record Section(@NotNull @Min(1) @Max(30) Integer suggestionIndex, @NotBlank @Size(max = 50000) String text) {
	}

	record ReclassifyRequest(@NotBlank @Size(max = 8) String resultClass) {
	}

	record FeedbackRequest(@NotNull Rating rating, @Size(max = 2000) String comment) {
	}

	record PublicationRequest(@NotNull PublicationLevel level, @Size(max = 50000) String summary) {
	}

	// --- key proposals (重点提案) and follow-ups -----------------------------------------

	/**
	 * @param supervisor the committee leader who supervises it (督办领导)
	 * @param leadingLeader the government leader who leads its handling (领办领导), if named
	 * @param reason why it was selected
	 */
	record KeyProposalRequest(@NotBlank @Size(max = 64) String supervisor, @Size(max = 64) String leadingLeader,
			@Size(max = 2000) String reason) {
	}

	record KeyProposalCancellationRequest(@NotBlank @Size(max = 2000) String reason) {
	}

	record SupervisionRequest(@NotNull SupervisionKind kind, @NotNull OffsetDateTime at,
			@NotBlank @Size(max = 1000) String participants, @NotBlank @Size(max = 4000) String summary) {
	}

	record ProgressReportRequest(@NotBlank @Size(max = 8000) String summary) {
	}

	/**
	 * The follow-up answer to a reply that promised something.
	 *
	 * @param resultClass the result now (A once solved), from the configured scheme
	 * @param body what was done
	 * @param signer the unit leader who signs it
	 * @param contactName the handler's name
	 * @param contactPhone the handler's phone (masked to others)
	 */
	record FollowUpRequest(@NotBlank @Size(max = 8) String resultClass, @NotBlank @Size(max = 100000) String body,
			@NotBlank @Size(max = 64) String signer, @NotBlank @Size(max = 64) String contactName,
			@NotBlank @Pattern(regexp = "^[0-9+\\- ]{5,20}$") String contactPhone) {
	}

}
