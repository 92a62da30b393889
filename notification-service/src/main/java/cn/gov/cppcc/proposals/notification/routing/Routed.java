package cn.gov.cppcc.proposals.notification.routing;

/**
 * One decision of the router: this message to these people.
 */
public record Routed(Target target, Message message) {
}
