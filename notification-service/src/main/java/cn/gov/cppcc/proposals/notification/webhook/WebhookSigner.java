package cn.gov.cppcc.proposals.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of
 * "{id}.{timestamp}.{body}">}. A secret of the form {@code whsec_<base64>} is used as its
 * decoded bytes (as the Standard Webhooks libraries do); any other secret as its UTF-8
 * bytes.
 */
public final class WebhookSigner {

	private WebhookSigner() {
	}

	public static String sign(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] key(String secret) {
		if (secret.startsWith("whsec_")) {
			try {
				return Base64.getDecoder().decode(secret.substring("whsec_".length()));
			}
			catch (IllegalArgumentException ex) {
				// not base64 after all: fall through to the raw bytes
			}
		}
		return secret.getBytes(StandardCharsets.UTF_8);
	}

}
