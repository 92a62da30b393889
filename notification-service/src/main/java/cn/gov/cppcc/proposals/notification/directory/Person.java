package cn.gov.cppcc.proposals.notification.directory;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A person as department-service's internal people endpoint describes them (only the
 * fields this service reads).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Person(String id, String username, String name, List<String> roles, String unitId, String sector,
		String email, String phone, Boolean enabled) {

	/** A disabled account is not told anything (missing field: enabled). */
	public boolean active() {
		return !Boolean.FALSE.equals(this.enabled);
	}

	public boolean hasRole(String role) {
		return this.roles != null && this.roles.contains(role);
	}

}
