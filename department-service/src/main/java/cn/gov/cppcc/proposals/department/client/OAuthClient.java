package cn.gov.cppcc.proposals.department.client;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * An OAuth2 client: an integrating government system (INTEGRATION) or one of our services
 * (SERVICE).
 */
@TableName("oauth_client")
public class OAuthClient {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String clientId;

	public String secretHash;

	public String name;

	/** Space separated. */
	public String scopes;

	public String kind;

	public Boolean enabled;

	public Instant createdAt;

}
