package cn.gov.cppcc.proposals.department.user;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.baomidou.mybatisplus.annotation.FieldStrategy;
import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
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

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public Long unitId;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String sector;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String phone;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String email;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public String idNumber;

	public Boolean enabled;

	public Integer failedCount;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	public Instant firstFailedAt;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
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
