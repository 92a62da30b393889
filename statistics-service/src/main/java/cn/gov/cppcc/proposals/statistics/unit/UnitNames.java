package cn.gov.cppcc.proposals.statistics.unit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import cn.gov.cppcc.proposals.statistics.config.StatisticsProperties;

/**
 * Names of handling units for reports, from department-service, cached for
 * {@code platform.statistics.unit-names-ttl}. When department-service is down (the Feign
 * call fails or its circuit breaker is open) a report shows the unit id instead of the
 * name and tries again after a short pause: statistics never fail for want of a name.
 */
@Service
public class UnitNames {

	private static final Logger log = LoggerFactory.getLogger(UnitNames.class);

	private static final int PAGE = 100;

	private static final int MAX_PAGES = 50;

	private final DepartmentUnitsClient client;

	private final StatisticsProperties properties;

	private volatile Map<String, String> names = Map.of();

	private volatile Instant validUntil = Instant.EPOCH;

	UnitNames(DepartmentUnitsClient client, StatisticsProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * @param unitId a unit id
	 * @return its name, or the id itself when unknown or department-service is down
	 */
	public String name(String unitId) {
		return names().getOrDefault(unitId, unitId);
	}

	public Map<String, String> names() {
		if (Instant.now().isAfter(this.validUntil)) {
			refresh();
		}
		return this.names;
	}

	private synchronized void refresh() {
		if (!Instant.now().isAfter(this.validUntil)) {
			return;
		}
		try {
			Map<String, String> loaded = new HashMap<>();
			for (int page = 1; page <= MAX_PAGES; page++) {
				DepartmentUnitsClient.UnitPage answer = this.client.units(page, PAGE);
				if (answer == null || answer.items() == null || answer.items().isEmpty()) {
					break;
				}
				answer.items()
					.stream()
					.filter((u) -> u.id() != null && u.name() != null)
					.forEach((u) -> loaded.put(u.id(), u.name()));
				if ((long) page * PAGE >= answer.total()) {
					break;
				}
			}
			this.names = Map.copyOf(loaded);
			this.validUntil = Instant.now().plus(this.properties.unitNamesTtl());
		}
		catch (RuntimeException ex) {
			log.warn("Unit names unavailable from department-service, showing unit ids: {}", ex.toString());
			this.validUntil = Instant.now().plusSeconds(30);
		}
	}

}
