package cn.gov.cppcc.proposals.notification.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aliyun (阿里云) SMS {@code SendSms} over its RPC API (version 2017-05-25), signed with
 * signature version 1.0: parameters sorted by name, percent-encoded (RFC 3986: space as
 * %20, {@code *} as %2A, {@code ~} kept), string to sign
 * {@code GET&%2F&percentEncode(query)}, HMAC-SHA1 with key {@code AccessKeySecret + "&"},
 * Base64. The message text goes to the approved template as parameter {@code content};
 * our message id travels as {@code OutId}. An answer other than {@code Code=OK} is a
 * failure: throttling and server errors may be retried, others (bad number, template,
 * signature, account) are final.
 */
public class AliyunSmsSender implements SmsSender {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final URI endpoint;

	private final String accessKeyId;

	private final String accessKeySecret;

	private final String signName;

	private final String templateCode;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	public AliyunSmsSender(URI endpoint, String accessKeyId, String accessKeySecret, String signName,
			String templateCode, Duration timeout) {
		this.endpoint = endpoint;
		this.accessKeyId = accessKeyId;
		this.accessKeySecret = accessKeySecret;
		this.signName = signName;
		this.templateCode = templateCode;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public void send(String messageId, String phone, String text) {
		Map<String, String> params = new TreeMap<>();
		params.put("AccessKeyId", this.accessKeyId);
		params.put("Action", "SendSms");
		params.put("Format", "JSON");
		params.put("OutId", messageId);
		params.put("PhoneNumbers", phone);
		params.put("RegionId", "cn-hangzhou");
		params.put("SignName", this.signName);
		params.put("SignatureMethod", "HMAC-SHA1");
		params.put("SignatureNonce", UUID.randomUUID().toString());
		params.put("SignatureVersion", "1.0");
		params.put("TemplateCode", this.templateCode);
		params.put("TemplateParam", this.json.writeValueAsString(Map.of("content", text)));
		params.put("Timestamp", TIMESTAMP.format(Instant.now()));
		params.put("Version", "2017-05-25");
		String query = canonicalQuery(params);
		String signature = sign(this.accessKeySecret, "GET", query);
		URI uri = this.endpoint.resolve("/?Signature=" + percentEncode(signature) + "&" + query);
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new SmsException("provider unreachable: " + ex.getClass().getSimpleName(), true, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SmsException("interrupted", true, null);
		}
		String code = null;
		try {
			JsonNode body = this.json.readTree(response.body());
			code = body.path("Code").asString(null);
		}
		catch (RuntimeException ex) {
			// not JSON: judged by the status below
		}
		if (response.statusCode() == 200 && "OK".equals(code)) {
			return;
		}
		boolean retryable = response.statusCode() >= 500 || response.statusCode() == 429
				|| (code != null && (code.contains("LIMIT_CONTROL") || code.startsWith("Throttling")
						|| code.equals("ServiceUnavailable") || code.equals("InternalError")));
		throw new SmsException("provider answered " + response.statusCode() + " " + ((code != null) ? code : ""),
				retryable, response.statusCode());
	}

	static String canonicalQuery(Map<String, String> params) {
		return new TreeMap<>(params).entrySet()
			.stream()
			.map((e) -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String sign(String secret, String method, String canonicalQuery) {
		String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String percentEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

}
