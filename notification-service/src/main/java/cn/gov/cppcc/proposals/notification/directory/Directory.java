package cn.gov.cppcc.proposals.notification.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.notification.config.NotificationProperties;

/**
 * Who belongs to a unit or the committee, and how to reach a person: from
 * department-service, cached for a while (Feign calls go through a Resilience4j circuit
 * breaker). When it is unavailable a {@link DirectoryUnavailableException} tells the
 * caller to retry later.
 */
@Service
public class Directory {

	private static final Logger log = LoggerFactory.getLogger(Directory.class);

	private final DirectoryClient client;

	private final NotificationProperties properties;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	Directory(DirectoryClient client, NotificationProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * The handling unit's staff (handlers and leaders).
	 * @param unitId the unit
	 * @return its staff
	 */
	public List<Person> unitStaff(String unitId) {
		Map<String, Person> staff = new LinkedHashMap<>();
		for (String role : List.of("UNIT_HANDLER", "UNIT_LEADER")) {
			for (Person person : cached("unit:" + unitId + ":" + role, () -> this.client.people(unitId, role, null))) {
				if (person.active()) {
					staff.putIfAbsent(person.id(), person);
				}
			}
		}
		return List.copyOf(staff.values());
	}

	public List<Person> committee() {
		return cached("role:COMMITTEE", () -> this.client.people(null, "COMMITTEE", null)).stream()
			.filter(Person::active)
			.toList();
	}

	/**
	 * Contact details of people by id; unknown ids are missing from the answer.
	 * @param ids user ids
	 * @return people by id
	 */
	public Map<String, Person> byIds(Collection<String> ids) {
		Map<String, Person> found = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (String id : ids) {
			Cached entry = this.cache.get("id:" + id);
			if (entry != null && entry.fresh()) {
				entry.people().forEach((p) -> found.put(p.id(), p));
			}
			else {
				missing.add(id);
			}
		}
		if (!missing.isEmpty()) {
			List<Person> people = call(() -> this.client.people(null, null, String.join(",", missing)));
			for (String id : missing) {
				List<Person> one = people.stream().filter((p) -> id.equals(p.id())).toList();
				this.cache.put("id:" + id, new Cached(one, expiry()));
				one.forEach((p) -> found.put(p.id(), p));
			}
		}
		return found;
	}

	private List<Person> cached(String key, Supplier<List<Person>> loader) {
		Cached entry = this.cache.get(key);
		if (entry != null && entry.fresh()) {
			return entry.people();
		}
		List<Person> people = call(loader);
		this.cache.put(key, new Cached(people, expiry()));
		return people;
	}

	private List<Person> call(Supplier<List<Person>> loader) {
		try {
			List<Person> people = loader.get();
			return (people != null) ? List.copyOf(people) : List.of();
		}
		catch (RuntimeException ex) {
			log.warn("department-service people lookup failed: {}", ex.getClass().getSimpleName());
			throw new DirectoryUnavailableException(ex);
		}
	}

	private Instant expiry() {
		return Instant.now().plus(this.properties.directoryTtl());
	}

	/** Forget everything cached (tests, and after a directory change is known). */
	public void evictAll() {
		this.cache.clear();
	}

	private record Cached(List<Person> people, Instant expiresAt) {

		boolean fresh() {
			return Instant.now().isBefore(this.expiresAt);
		}

	}

}
