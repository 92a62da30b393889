package cn.gov.cppcc.proposals.notification.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings ({@code platform.webhooks.*}).
 *
 * @param allowedHosts hosts allowed although they resolve to private, loopback or
 * link-local addresses (ADMINs can add more at run time)
 * @param connectTimeout connect timeout of a delivery
 * @param readTimeout time allowed for the receiver's answer
 */
@ConfigurationProperties("platform.webhooks")
public record WebhookProperties(@DefaultValue List<String> allowedHosts, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout) {
}
