package cn.gov.cppcc.proposals.notification.routing;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.notification.delivery.ChannelSender;
import cn.gov.cppcc.proposals.notification.delivery.Delivery;
import cn.gov.cppcc.proposals.notification.delivery.Outcome;
import cn.gov.cppcc.proposals.notification.directory.DirectoryUnavailableException;

/**
 * Expands a deferred GROUP delivery once department-service answers again: the unit's or
 * committee's staff get their inbox rows and deliveries, exactly as if the consumer had
 * done it (same event id, so nothing is doubled).
 */
@Component
class GroupFanOut implements ChannelSender {

	private final Dispatcher dispatcher;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	GroupFanOut(Dispatcher dispatcher, JsonMapper json, TransactionTemplate transactions) {
		this.dispatcher = dispatcher;
		this.json = json;
		this.transactions = transactions;
	}

	@Override
	public String channel() {
		return Dispatcher.GROUP;
	}

	@Override
	public Outcome send(Delivery delivery) {
		Dispatcher.GroupWork work = this.json.readValue(delivery.body(), Dispatcher.GroupWork.class);
		List<String> people;
		try {
			people = this.dispatcher.resolve(work.target());
		}
		catch (DirectoryUnavailableException ex) {
			return Outcome.retry(null, "department-service unavailable");
		}
		this.transactions.executeWithoutResult((status) -> this.dispatcher.deliverTo(delivery.eventId(),
				delivery.eventType(), work.proposal(), people, work.message()));
		return Outcome.sent(null);
	}

}
