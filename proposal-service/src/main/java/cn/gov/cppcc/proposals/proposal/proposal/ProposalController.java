package cn.gov.cppcc.proposals.proposal.proposal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.idempotency.Idempotency;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalQueries.Filter;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.AssignmentRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.CoOpinionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.CoSignatureRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.CommunicationRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.DraftRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ExtensionDecisionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ExtensionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.FeedbackRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ForwardingConsentRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.MergeRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ObjectionDecisionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ObjectionRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.PublicationRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ReclassifyRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ReplyRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalRequests.ReviewRequest;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.HistoryView;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.ProposalSummary;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalViews.ProposalView;

/**
 * The proposal endpoints of API.md. A create answers 201 with {@code Location}; a state
 * change answers 200 with the updated proposal and its new {@code ETag}; state changes
 * accept {@code If-Match}; every write that creates something (the draft, objections,
 * extension requests, communications, co-opinions, ratings) accepts
 * {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/proposals")
@Validated
class ProposalController {

	private final ProposalService service;

	private final ProposalViews views;

	private final ProposalQueries queries;

	private final Idempotency idempotency;

	private final IdempotentWrites writes;

	private final JsonMapper json;

	ProposalController(ProposalService service, ProposalViews views, ProposalQueries queries, Idempotency idempotency,
			IdempotentWrites writes, JsonMapper json) {
		this.service = service;
		this.views = views;
		this.queries = queries;
		this.idempotency = idempotency;
		this.writes = writes;
		this.json = json;
	}

	record Page<T>(List<T> items, int page, int size, long total) {
	}

	@PostMapping
	ResponseEntity<Object> create(@Valid @RequestBody DraftRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return this.idempotency.execute(key, user.id(), this.json.writeValueAsString(request), () -> {
			Proposal p = this.service.create(request, user);
			ProposalView view = this.views.view(p, user);
			return new Idempotency.Answer(201, this.json.writeValueAsString(view), "/api/v1/proposals/" + p.id,
					etag(p.version));
		});
	}

	@GetMapping
	Page<ProposalSummary> list(@RequestParam(required = false) @Size(max = 16) String session,
			@RequestParam(required = false) ProposalStatus status,
			@RequestParam(required = false) @Pattern(regexp = ProposalRequests.ID) String unitId,
			@RequestParam(required = false) @Size(max = 32) String category,
			@RequestParam(required = false) @Size(max = 200) String q, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Boolean keyProposal, @RequestParam(defaultValue = "1") @Min(1) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
		ProposalQueries.Result result = this.queries
			.list(new Filter(session, status, unitId, category, q, overdue, keyProposal, page, size), user);
		return new Page<>(result.items(), page, size, result.total());
	}

	@GetMapping("/{id}")
	ResponseEntity<ProposalView> get(@PathVariable long id, CurrentUser user) {
		return ok(this.service.get(id, user), user);
	}

	@GetMapping("/{id}/history")
	List<HistoryView> history(@PathVariable long id, CurrentUser user) {
		this.service.get(id, user);
		return this.views.history(id);
	}

	@PutMapping("/{id}")
	ResponseEntity<ProposalView> edit(@PathVariable long id, @Valid @RequestBody DraftRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.edit(id, version(ifMatch), request, user), user);
	}

	@PostMapping("/{id}/submit")
	ResponseEntity<ProposalView> submit(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.submit(id, version(ifMatch), user), user);
	}

	@PostMapping("/{id}/co-signature")
	ResponseEntity<ProposalView> coSignature(@PathVariable long id, @Valid @RequestBody CoSignatureRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.coSignature(id, version(ifMatch), request.accept(), user), user);
	}

	@PostMapping("/{id}/withdraw")
	ResponseEntity<ProposalView> withdraw(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.withdraw(id, version(ifMatch), user), user);
	}

	@PostMapping("/{id}/review")
	ResponseEntity<ProposalView> review(@PathVariable long id, @Valid @RequestBody ReviewRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.review(id, version(ifMatch), request, user), user);
	}

	@PostMapping("/{id}/forwarding-consent")
	ResponseEntity<ProposalView> forwardingConsent(@PathVariable long id,
			@Valid @RequestBody ForwardingConsentRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.answerForwarding(id, version(ifMatch), request.consent(), user), user);
	}

	@PostMapping("/{id}/merge")
	ResponseEntity<ProposalView> merge(@PathVariable long id, @Valid @RequestBody MergeRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.merge(id, version(ifMatch), Long.parseLong(request.intoId()), user), user);
	}

	@PostMapping("/{id}/assignment")
	ResponseEntity<ProposalView> assign(@PathVariable long id, @Valid @RequestBody AssignmentRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.assign(id, version(ifMatch), request, user), user);
	}

	@PostMapping("/{id}/objections")
	@ApiResponse(responseCode = "201", description = "Recorded: the proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> objection(@PathVariable long id, @Valid @RequestBody ObjectionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return this.writes.created("objections", id, request, key, user,
				() -> this.service.raiseObjection(id, version(ifMatch), request.reason(), user));
	}

	@PostMapping("/{id}/objections/{objectionId}/decision")
	ResponseEntity<ProposalView> decideObjection(@PathVariable long id, @PathVariable long objectionId,
			@Valid @RequestBody ObjectionDecisionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.decideObjection(id, objectionId, version(ifMatch), request, user), user);
	}

	@PostMapping("/{id}/extension")
	@ApiResponse(responseCode = "200", description = "The proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> extension(@PathVariable long id, @Valid @RequestBody ExtensionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return this.writes.changed("extension", id, request, key, user,
				() -> this.service.requestExtension(id, version(ifMatch), request, user));
	}

	@PostMapping("/{id}/extension/decision")
	ResponseEntity<ProposalView> decideExtension(@PathVariable long id,
			@Valid @RequestBody ExtensionDecisionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.decideExtension(id, version(ifMatch), request, user), user);
	}

	@PostMapping("/{id}/communications")
	@ApiResponse(responseCode = "201", description = "Recorded: the proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> communication(@PathVariable long id, @Valid @RequestBody CommunicationRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return this.writes.created("communications", id, request, key, user,
				() -> this.service.recordCommunication(id, version(ifMatch), request, user));
	}

	@PostMapping("/{id}/co-opinions")
	@ApiResponse(responseCode = "201", description = "Recorded: the proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> coOpinion(@PathVariable long id, @Valid @RequestBody CoOpinionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return this.writes.created("co-opinions", id, request, key, user,
				() -> this.service.submitCoOpinion(id, version(ifMatch), request, user));
	}

	@PutMapping("/{id}/reply")
	ResponseEntity<ProposalView> saveReply(@PathVariable long id, @Valid @RequestBody ReplyRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.saveReplyDraft(id, version(ifMatch), request, user), user);
	}

	@PostMapping("/{id}/reply/submit")
	ResponseEntity<ProposalView> submitReply(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.submitReply(id, version(ifMatch), user), user);
	}

	@PostMapping("/{id}/reply/classification")
	ResponseEntity<ProposalView> reclassify(@PathVariable long id, @Valid @RequestBody ReclassifyRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.reclassify(id, version(ifMatch), request.resultClass(), user), user);
	}

	@PostMapping("/{id}/feedback")
	@ApiResponse(responseCode = "200", description = "The proposal with its new ETag",
			content = @Content(schema = @Schema(implementation = ProposalView.class)))
	ResponseEntity<Object> feedback(@PathVariable long id, @Valid @RequestBody FeedbackRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, CurrentUser user) {
		return this.writes.changed("feedback", id, request, key, user,
				() -> this.service.feedback(id, version(ifMatch), request, user));
	}

	@PostMapping("/{id}/publication")
	ResponseEntity<ProposalView> publish(@PathVariable long id, @Valid @RequestBody PublicationRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
		return ok(this.service.publish(id, version(ifMatch), request, user), user);
	}

	private ResponseEntity<ProposalView> ok(Proposal p, CurrentUser user) {
		return ResponseEntity.ok().eTag(etag(p.version)).body(this.views.view(p, user));
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	/** {@code If-Match: "3"} (also {@code W/"3"} or {@code 3}); {@code *} means any. */
	static Long version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", ifMatch);
		}
	}

}
