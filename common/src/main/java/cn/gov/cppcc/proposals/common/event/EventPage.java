package cn.gov.cppcc.proposals.common.event;

import java.util.List;

/**
 * A page of the event feed: {@code next} is the cursor to pass as {@code after} for the
 * following page.
 *
 * @param items events in feed order
 * @param next cursor after the last item (equal to the request's cursor when empty)
 */
public record EventPage(List<EventEnvelope> items, long next) {
}
