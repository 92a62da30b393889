package cn.gov.cppcc.proposals.notification.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.notification.preference.NotificationKind;
import cn.gov.cppcc.proposals.notification.delivery.DeliveryRepository;
import cn.gov.cppcc.proposals.notification.delivery.NewDelivery;
import cn.gov.cppcc.proposals.notification.directory.Directory;
import cn.gov.cppcc.proposals.notification.directory.DirectoryUnavailableException;
import cn.gov.cppcc.proposals.notification.directory.Person;
import cn.gov.cppcc.proposals.notification.inbox.InboxRepository;
import cn.gov.cppcc.proposals.notification.preference.Channel;
import cn.gov.cppcc.proposals.notification.preference.PreferenceService;
import cn.gov.cppcc.proposals.notification.preference.RecipientSettings;

/**
 * Turns routing decisions into rows, inside the caller's transaction: an inbox row per
 * person, and an EMAIL/SMS delivery per person and chosen channel. All inserts ignore
 * duplicates, so applying an event again changes nothing. A unit or the committee whose
 * staff cannot be looked up now (department-service down) becomes a GROUP delivery that a
 * worker expands later, while known people are told at once.
 */
@Service
public class Dispatcher {

	static final String GROUP = "GROUP";

	private final Directory directory;

	private final PreferenceService preferences;

	private final Templates templates;

	private final InboxRepository inbox;

	private final DeliveryRepository deliveries;

	private final JsonMapper json;

	Dispatcher(Directory directory, PreferenceService preferences, Templates templates, InboxRepository inbox,
			DeliveryRepository deliveries, JsonMapper json) {
		this.directory = directory;
		this.preferences = preferences;
		this.templates = templates;
		this.inbox = inbox;
		this.deliveries = deliveries;
		this.json = json;
	}

	public void dispatch(String eventId, String eventType, ProposalSnapshot proposal, List<Routed> routed) {
		for (Routed decision : routed) {
			List<String> people;
			try {
				people = resolve(decision.target());
			}
			catch (DirectoryUnavailableException ex) {
				GroupWork work = new GroupWork(decision.target(), decision.message(), proposal);
				this.deliveries.enqueue(new NewDelivery(eventId, eventType, decision.target().key(), GROUP,
						decision.message().kind().name(), null, this.json.writeValueAsString(work)));
				continue;
			}
			deliverTo(eventId, eventType, proposal, people, decision.message());
		}
	}

	List<String> resolve(Target target) {
		if (target instanceof Target.User user) {
			return List.of(user.userId());
		}
		if (target instanceof Target.Unit unit) {
			return this.directory.unitStaff(unit.unitId()).stream().map(Person::id).toList();
		}
		return this.directory.committee().stream().map(Person::id).toList();
	}

	void deliverTo(String eventId, String eventType, ProposalSnapshot proposal, List<String> people, Message message) {
		Set<String> ids = new LinkedHashSet<>(people);
		Map<String, RecipientSettings> settings = this.preferences.settingsFor(ids);
		for (String id : ids) {
			RecipientSettings s = settings.get(id);
			Templates.Rendered text = this.templates.render(message, proposal, s.locale());
			this.inbox.add(eventId, id, message.kind().name(), eventType, proposal.id(), text.title(), text.body());
			List<Channel> channels = new ArrayList<>(s.channelsFor(message.kind()));
			for (Channel channel : channels) {
				if (channel == Channel.EMAIL) {
					this.deliveries.enqueue(new NewDelivery(eventId, eventType, id, "EMAIL", message.kind().name(),
							text.title(), text.body()));
				}
				else if (channel == Channel.SMS) {
					// an SMS carries the short title only; the full text is in the inbox
					this.deliveries.enqueue(new NewDelivery(eventId, eventType, id, "SMS", message.kind().name(),
							text.title(), text.title()));
				}
			}
		}
	}

	/** What a GROUP delivery row carries until its people can be looked up. */
	record GroupWork(Target target, Message message, ProposalSnapshot proposal) {
	}

}
