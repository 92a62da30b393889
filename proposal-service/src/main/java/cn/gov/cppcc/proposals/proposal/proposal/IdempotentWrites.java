package cn.gov.cppcc.proposals.proposal.proposal;

import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.common.security.CurrentUser;
import cn.gov.cppcc.proposals.proposal.idempotency.Idempotency;

/**
 * The writes under a proposal that create something (objections, extension requests,
 * communications, co-opinions, ratings, supervisions, progress reports, follow-ups) take
 * an {@code Idempotency-Key} (API.md) through {@link Idempotency}: the key is per caller
 * and covers the path and the body, so a retry gets the first answer, the same key with
 * another body (or on another proposal or collection) is 422, and the same key while the
 * first still runs is 409. The answer is the proposal (which lists the record) with its
 * new {@code ETag}.
 */
@Component
class IdempotentWrites {

	private final Idempotency idempotency;

	private final ProposalViews views;

	private final JsonMapper json;

	IdempotentWrites(Idempotency idempotency, ProposalViews views, JsonMapper json) {
		this.idempotency = idempotency;
		this.views = views;
		this.json = json;
	}

	/**
	 * A new record under the proposal: 201 with {@code Location}.
	 */
	ResponseEntity<Object> created(String collection, long id, Object request, String key, CurrentUser user,
			Supplier<Proposal> work) {
		return execute(HttpStatus.CREATED, collection, id, request, key, user, work);
	}

	/**
	 * A record created by a state-change endpoint (extension request, rating): 200.
	 */
	ResponseEntity<Object> changed(String action, long id, Object request, String key, CurrentUser user,
			Supplier<Proposal> work) {
		return execute(HttpStatus.OK, action, id, request, key, user, work);
	}

	private ResponseEntity<Object> execute(HttpStatus status, String path, long id, Object request, String key,
			CurrentUser user, Supplier<Proposal> work) {
		String requestText = "POST /api/v1/proposals/" + id + "/" + path + "\n" + this.json.writeValueAsString(request);
		return this.idempotency.execute(key, user.id(), requestText, () -> {
			Proposal p = work.get();
			return new Idempotency.Answer(status.value(), this.json.writeValueAsString(this.views.view(p, user)),
					(status == HttpStatus.CREATED) ? "/api/v1/proposals/" + p.id : null,
					ProposalController.etag(p.version));
		});
	}

}
