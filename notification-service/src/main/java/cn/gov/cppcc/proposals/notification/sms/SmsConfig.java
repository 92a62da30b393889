package cn.gov.cppcc.proposals.notification.sms;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the SMS provider from {@code platform.sms.provider}.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfig {

	@Bean
	SmsSender smsSender(SmsProperties properties) {
		if ("aliyun".equals(properties.provider())) {
			SmsProperties.Aliyun aliyun = properties.aliyun();
			if (aliyun.accessKeyId() == null || aliyun.accessKeySecret() == null || aliyun.templateCode() == null) {
				throw new IllegalStateException(
						"platform.sms.aliyun.access-key-id, access-key-secret and template-code are required");
			}
			return new AliyunSmsSender(URI.create(aliyun.endpoint()), aliyun.accessKeyId(), aliyun.accessKeySecret(),
					aliyun.signName(), aliyun.templateCode(), aliyun.timeout());
		}
		return new FileSmsSender(Path.of(properties.file()));
	}

}
