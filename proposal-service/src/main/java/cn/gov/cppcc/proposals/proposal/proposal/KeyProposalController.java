package cn.gov.cppcc.proposals.proposal.proposal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.FollowUpRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.KeyProposalCancellationRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.KeyProposalRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ProgressReportRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.SupervisionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.ProposalView;

/**
 * Key proposals (重点提案) and the follow-up answer to a B-class reply (DOMAIN.md). API.md
 * names no endpoint for them; these follow its style: a state change answers 200 with the
 * proposal and its new {@code ETag}, a new record under the proposal answers 201 with
 * {@code Location}; all accept {@code If-Match}, the creates also {@code Idempotency-Key}
 * (per caller, for this path and body); outside the caller's scope is 404; an illegal
 * move is 409 {@code illegal-transition}.
 */
@RestController
@RequestMapping("/api/v1/proposals/{id}")
@Tag(name = "重点提案与跟踪答复 Key proposals and follow-ups",
		description = "Key proposals (重点提案): selected by the committee, supervised by a committee leader (督办领导), "
				+ "led by a government leader (领办领导) and the lead unit (every unit when SEPARATE), tracked through "
				+ "supervision records and the units' progress reports (due platform.proposals.key-progress-working-days "
				+ "working days after assignment). Follow-up (跟踪答复): a reply of a follow-up class (B: being solved or "
				+ "planned) owes a second answer once done, due platform.proposals.follow-up-months after the reply.")
class KeyProposalController {

	private final KeyProposalService service;

	private final ProposalViews views;

	private final IdempotentWrites writes;

	KeyProposalController(KeyProposalService service, ProposalViews views, IdempotentWrites writes) {
		this.service = service;
		this.views = views;
		this.writes = writes;
	}

	@PostMapping("/key-proposal")
	@Operation(summary = "选定重点提案（提案委员会）",
			description = "Marks the proposal as a key proposal (keyProposal = true, key = {supervisor, leadingLeader, "
					+ "leadingUnitIds, reason, selectedAt, progressDeadline, supervisions, progressReports}). Allowed while "
					+ "FILED, ASSIGNED or REHANDLING; when already assigned the progress deadline is set now, else at "
					+ "assignment. Event proposal.key-proposal-selected. 409 illegal-transition in another status or when "
					+ "it is already a key proposal; 404 unknown; 400 without supervisor.")
	@ApiResponse(responseCode = "200", description = "The proposal with its new ETag")
	ResponseEntity<ProposalView> select(@PathVariable long id, @Valid @RequestBody KeyProposalRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.select(id, ProposalController.version(ifMatch), request, user), user);
	}

	@PostMapping("/key-proposal/cancellation")
	@Operation(summary = "取消重点提案（提案委员会）",
			description = "Takes it off the key list (FILED, ASSIGNED, REHANDLING or REPLIED), with a reason; no more "
					+ "progress deadline. Event proposal.key-proposal-cancelled. 409 illegal-transition when it is not a "
					+ "key proposal or already closed.")
	@ApiResponse(responseCode = "200", description = "The proposal with its new ETag")
	ResponseEntity<ProposalView> cancel(@PathVariable long id,
			@Valid @RequestBody KeyProposalCancellationRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.cancel(id, ProposalController.version(ifMatch), request.reason(), user), user);
	}

	@PostMapping("/supervisions")
	@Operation(summary = "记录督办活动（提案委员会）",
			description = "A supervision activity on a key proposal: kind MEETING | INSPECTION | SURVEY | FORUM | LETTER, "
					+ "at, participants, summary. Allowed while ASSIGNED, REHANDLING or REPLIED. 201 with the proposal. "
					+ "Event proposal.supervision-recorded. 409 illegal-transition when it is not a key proposal or not "
					+ "being handled.")
	@ApiResponse(responseCode = "201", description = "Recorded: the proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> supervision(@PathVariable long id, @Valid @RequestBody SupervisionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return created("supervisions", id, request, key, user,
				() -> this.service.recordSupervision(id, ProposalController.version(ifMatch), request, user));
	}

	@PostMapping("/progress-reports")
	@Operation(summary = "报送重点提案办理进展（主办单位经办人）",
			description = "The handler of a leading unit (the lead unit, or each unit when SEPARATE) reports progress on a "
					+ "key proposal while ASSIGNED or REHANDLING; onTime says whether it came by the progress deadline. "
					+ "201 with the proposal. Event proposal.progress-reported. 404 for staff of units not assigned; 409 "
					+ "illegal-transition for a co-handling unit, a proposal that is not a key proposal, or another "
					+ "status.")
	@ApiResponse(responseCode = "201", description = "Recorded: the proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> progress(@PathVariable long id, @Valid @RequestBody ProgressReportRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return created("progress-reports", id, request, key, user,
				() -> this.service.reportProgress(id, ProposalController.version(ifMatch), request, user));
	}

	@PostMapping("/follow-ups")
	@Operation(summary = "B类答复的跟踪答复（承办单位负责人）",
			description = "The leader of a unit whose sent reply of the current round is of a follow-up class (B) signs and "
					+ "sends the follow-up answer once the promise is kept: resultClass (the result now, e.g. A), body, "
					+ "signer, contactName, contactPhone (masked to others). Allowed while REPLIED or CLOSED, once per "
					+ "reply; onTime against the reply's followUpDue. 201 with the proposal (followUps). Event "
					+ "proposal.follow-up-submitted. 409 illegal-transition when the unit's reply owes no follow-up or "
					+ "the proposal is being re-handled; 409 follow-up-already-given the second time; 404 for units not "
					+ "assigned.")
	@ApiResponse(responseCode = "201", description = "Recorded: the proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> followUp(@PathVariable long id, @Valid @RequestBody FollowUpRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return created("follow-ups", id, request, key, user,
				() -> this.service.followUp(id, ProposalController.version(ifMatch), request, user));
	}

	private ResponseEntity<ProposalView> ok(Proposal p, CurrentUser user) {
		return ResponseEntity.ok().eTag(ProposalController.etag(p.version)).body(this.views.view(p, user));
	}

	private ResponseEntity<Object> created(String collection, long id, Object request, String key, CurrentUser user,
			java.util.function.Supplier<Proposal> work) {
		return this.writes.created(collection, id, request, key, user, work);
	}

}
