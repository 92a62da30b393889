package cn.gov.cppcc.proposals.department.audit;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * One row of {@code audit_log} (shape in docs/DEVELOPING.md "Audit").
 */
@TableName("audit_log")
public class AuditEntry {

	@TableId(type = IdType.AUTO)
	public Long id;

	public Instant occurredAt;

	public String userId;

	public String username;

	public String roles;

	public String unitId;

	public String action;

	public String targetType;

	public String targetId;

	public String result;

	public String ip;

	public String userAgent;

	public String requestId;

	public String detail;

}
