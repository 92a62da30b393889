package cn.gov.cppcc.proposals.statistics.feed;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.statistics.fact.FactStore;
import cn.gov.cppcc.proposals.statistics.fact.ProposalState;
import cn.gov.cppcc.proposals.statistics.fact.Projector;

/**
 * Applies one event of the feed in its own transaction: the {@code processed_event} row
 * (a duplicate id means already applied: nothing changes), the proposal's read model, and
 * the cursor commit together or not at all.
 */
@Service
public class EventApplier {

	private final FactStore facts;

	private final FeedCursor cursor;

	private final Projector projector;

	EventApplier(FactStore facts, FeedCursor cursor, Projector projector) {
		this.facts = facts;
		this.cursor = cursor;
		this.projector = projector;
	}

	/**
	 * @param event the event
	 * @return whether it changed the read model (false for a duplicate)
	 */
	@Transactional
	public boolean apply(EventEnvelope event) {
		boolean fresh = this.cursor.markProcessed(event.id());
		long position = this.cursor.position();
		if (fresh && position == 0) {
			// the first event ever applied: a read model filled from the start by the
			// live consumer is this projector's (nothing to re-project at the next start)
			this.cursor.projectionVersion(Projector.VERSION);
		}
		if (fresh && "proposal".equals(event.aggregateType()) && event.aggregateId() != null) {
			ProposalState state = this.facts.load(event.aggregateId());
			Object before = this.facts.contribution(state);
			this.projector.apply(state, event);
			this.facts.save(state, before);
		}
		if (event.position() > position) {
			this.cursor.moveTo(event.position());
		}
		return fresh;
	}

}
