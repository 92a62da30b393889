package cn.gov.cppcc.proposals.department.key;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * A token signing key: the public JWK, and the private key (as a JWK) unless it comes
 * from the environment.
 */
@TableName("signing_key")
public class SigningKey {

	@TableId(type = IdType.INPUT)
	public String kid;

	public String publicJwk;

	public String privateKey;

	/** ACTIVE or RETIRED. */
	public String status;

	public Instant createdAt;

	public Instant retiredAt;

}
