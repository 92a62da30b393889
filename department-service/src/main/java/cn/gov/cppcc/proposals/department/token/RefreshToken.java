package cn.gov.cppcc.proposals.department.token;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * A refresh token, stored only as its SHA-256 hash.
 */
@TableName("refresh_token")
public class RefreshToken {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String tokenHash;

	public String familyId;

	public Long userId;

	public Instant issuedAt;

	public Instant idleExpiresAt;

	public Instant absoluteExpiresAt;

	public Instant revokedAt;

	public String revokeReason;

}
