package cn.gov.cppcc.proposals.notification.delivery;

import java.util.List;
import java.util.function.Function;

import cn.gov.cppcc.proposals.notification.directory.Directory;
import cn.gov.cppcc.proposals.notification.directory.DirectoryUnavailableException;
import cn.gov.cppcc.proposals.notification.directory.Person;

/**
 * The address a channel sends a delivery to, looked up in department-service when sending
 * (so a changed address is used), or the outcome that ends this attempt instead: a retry
 * while department-service is unavailable, {@code SKIPPED_NO_ADDRESS} when the person has
 * no address for the channel.
 *
 * @param address the address, when there is one
 * @param refusal the outcome of the attempt when there is no address to send to
 */
public record Recipient(String address, Outcome refusal) {

	public static Recipient lookUp(Directory directory, Delivery delivery, Function<Person, String> address,
			String missing) {
		Person person;
		try {
			person = directory.byIds(List.of(delivery.recipient())).get(delivery.recipient());
		}
		catch (DirectoryUnavailableException ex) {
			return new Recipient(null, Outcome.retry(null, "department-service unavailable"));
		}
		String value = (person != null) ? address.apply(person) : null;
		if (value == null || value.isBlank()) {
			return new Recipient(null, Outcome.of(Outcome.Result.SKIPPED_NO_ADDRESS, missing));
		}
		return new Recipient(value, null);
	}

}
