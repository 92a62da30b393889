package cn.gov.cppcc.proposals.notification.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS settings ({@code platform.sms.*}).
 *
 * @param provider {@code file} (default: appends to {@code file}) or {@code aliyun}
 * @param file where the file provider writes
 * @param aliyun the Aliyun SMS account
 */
@ConfigurationProperties("platform.sms")
public record SmsProperties(@DefaultValue("file") String provider, @DefaultValue("run/sms-outbox.log") String file,
		@DefaultValue Aliyun aliyun) {

	/**
	 * @param endpoint API endpoint
	 * @param accessKeyId AccessKey ID
	 * @param accessKeySecret AccessKey secret (from the environment)
	 * @param signName approved signature (签名)
	 * @param templateCode approved template with a {@code ${content}} parameter
	 * @param timeout connect timeout
	 */
	public record Aliyun(@DefaultValue("https://dysmsapi.aliyuncs.com") String endpoint, String accessKeyId,
			String accessKeySecret, @DefaultValue("政协提案") String signName, String templateCode,
			@DefaultValue("5s") Duration timeout) {
	}

}
