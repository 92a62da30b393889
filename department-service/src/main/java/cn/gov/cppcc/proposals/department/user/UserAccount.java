package cn.gov.cppcc.proposals.department.user;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.baomidou.mybatisplus.annotation.Version;

/**
 * A person's account: credentials, roles, unit (unit staff), sector 界别 (members),
 * contact, and the login-failure state.
 */
@TableName("user_account")
public class UserAccount {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String username;

	public String passwordHash;

	public String displayName;

	/** Comma separated {@link Role} names. */
	public String roles;

	public Long unitId;

	public String sector;

	public String phone;

	public String email;

	public String idNumber;

	public Boolean enabled;

	public Integer failedCount;

	public Instant firstFailedAt;

	public Instant lockedUntil;

	public Instant passwordChangedAt;

	@Version
	public Integer version;

	public Instant createdAt;

	public Instant updatedAt;

	List<String> roleList() {
		return (this.roles == null || this.roles.isBlank()) ? List.of() : Arrays.asList(this.roles.split(","));
	}

}
