package cn.gov.cppcc.proposals.notification.routing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Who a message goes to: a known person, the staff of a handling unit, or committee staff
 * (the last two resolved through department-service).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Target.User.class, name = "USER"),
		@JsonSubTypes.Type(value = Target.Unit.class, name = "UNIT"),
		@JsonSubTypes.Type(value = Target.Committee.class, name = "COMMITTEE") })
public sealed interface Target {

	/** Key of the deferred fan-out row, unique per event. */
	String key();

	record User(String userId) implements Target {
		@Override
		public String key() {
			return "user:" + this.userId;
		}
	}

	record Unit(String unitId) implements Target {
		@Override
		public String key() {
			return "unit:" + this.unitId;
		}
	}

	record Committee() implements Target {
		@Override
		public String key() {
			return "committee";
		}
	}

}
