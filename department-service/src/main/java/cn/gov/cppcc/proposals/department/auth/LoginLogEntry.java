package cn.gov.cppcc.proposals.department.auth;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * One login attempt.
 */
@TableName("login_log")
public class LoginLogEntry {

	@TableId(type = IdType.AUTO)
	public Long id;

	public Instant occurredAt;

	public Long userId;

	public String username;

	public String result;

	public String ip;

	public String userAgent;

	public String requestId;

}
