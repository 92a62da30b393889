package cn.gov.cppcc.proposals.department.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes and login protection (issue 3; 等保 2.0 身份鉴别: 登录失败处理, 会话超时).
 *
 * @param accessTokenTtl lifetime of an access token
 * @param refreshIdle a refresh token not used for this long expires (idle session limit)
 * @param refreshAbsolute no refresh token of a login lives longer than this (absolute
 * session limit)
 * @param lockThreshold failed logins within {@code lockWindow} that lock the account
 * @param lockWindow the window in which failures are counted
 * @param lockDuration how long a locked account stays locked
 * @param minPasswordLength minimum password length
 */
@ConfigurationProperties("platform.identity")
public record IdentityProperties(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("2h") Duration refreshIdle,
		@DefaultValue("12h") Duration refreshAbsolute, @DefaultValue("5") int lockThreshold,
		@DefaultValue("15m") Duration lockWindow, @DefaultValue("15m") Duration lockDuration,
		@DefaultValue("10") int minPasswordLength) {
}
