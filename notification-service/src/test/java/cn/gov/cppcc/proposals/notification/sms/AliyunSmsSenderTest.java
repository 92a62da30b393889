package cn.gov.cppcc.proposals.notification.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Aliyun SMS adapter against a stub of the provider's HTTP API: the documented
 * signature example, the parameters and signature of a real request (verified by the stub
 * as the provider would), and error answers.
 */
class AliyunSmsSenderTest {

	private HttpServer server;

	private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String answer = "{\"Message\":\"OK\",\"RequestId\":\"r1\",\"BizId\":\"b1\",\"Code\":\"OK\"}";

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (ex) -> {
			Map<String, String> params = new TreeMap<>();
			for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
			this.received.add(params);
			byte[] bytes = this.answer.getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().add("Content-Type", "application/json");
			ex.sendResponseHeaders(this.status, bytes.length);
			try (OutputStream out = ex.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void signatureMatchesTheDocumentedExample() {
		Map<String, String> params = new TreeMap<>();
		params.put("AccessKeyId", "testId");
		params.put("Action", "SendSms");
		params.put("Format", "XML");
		params.put("OutId", "123");
		params.put("PhoneNumbers", "15300000001");
		params.put("RegionId", "cn-hangzhou");
		params.put("SignName", "阿里云短信测试专用");
		params.put("SignatureMethod", "HMAC-SHA1");
		params.put("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466");
		params.put("SignatureVersion", "1.0");
		params.put("TemplateCode", "SMS_71390007");
		params.put("TemplateParam", "{\"customer\":\"test\"}");
		params.put("Timestamp", "2017-07-12T02:42:19Z");
		params.put("Version", "2017-05-25");
		assertThat(AliyunSmsSender.sign("testSecret", "GET", AliyunSmsSender.canonicalQuery(params)))
			.isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
		assertThat(AliyunSmsSender.percentEncode("a b*c~")).isEqualTo("a%20b%2Ac~");
	}

	@Test
	void sendsASignedSendSmsRequest() {
		sender().send("msg_1", "13800000001", "提案已立案：十二届一次会议第0768号");
		assertThat(this.received).hasSize(1);
		Map<String, String> params = new TreeMap<>(this.received.get(0));
		assertThat(params).containsEntry("Action", "SendSms")
			.containsEntry("Version", "2017-05-25")
			.containsEntry("PhoneNumbers", "13800000001")
			.containsEntry("SignName", "政协提案")
			.containsEntry("TemplateCode", "SMS_0001")
			.containsEntry("OutId", "msg_1")
			.containsEntry("AccessKeyId", "key-id")
			.containsEntry("SignatureMethod", "HMAC-SHA1")
			.containsEntry("SignatureVersion", "1.0")
			.containsEntry("TemplateParam", "{\"content\":\"提案已立案：十二届一次会议第0768号\"}");
		assertThat(params.get("Timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
		String signature = params.remove("Signature");
		// the provider recomputes the signature from what it received
		assertThat(AliyunSmsSender.sign("key-secret", "GET", AliyunSmsSender.canonicalQuery(params)))
			.isEqualTo(signature);
	}

	@Test
	void errorAnswersAreFailuresRetryableOnlyWhenItMayHelp() {
		this.status = 400;
		this.answer = "{\"Message\":\"invalid mobile\",\"RequestId\":\"r2\",\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\"}";
		assertThatThrownBy(() -> sender().send("msg_2", "123", "x")).isInstanceOf(SmsException.class)
			.satisfies((ex) -> assertThat(((SmsException) ex).isRetryable()).isFalse())
			.hasMessageContaining("isv.MOBILE_NUMBER_ILLEGAL");
		this.status = 200;
		this.answer = "{\"Message\":\"flow control\",\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}";
		assertThatThrownBy(() -> sender().send("msg_3", "13800000001", "x"))
			.satisfies((ex) -> assertThat(((SmsException) ex).isRetryable()).isTrue());
		this.status = 502;
		this.answer = "<html>bad gateway</html>";
		assertThatThrownBy(() -> sender().send("msg_4", "13800000001", "x"))
			.satisfies((ex) -> assertThat(((SmsException) ex).isRetryable()).isTrue());
	}

	@Test
	void unreachableProviderIsRetryable() {
		AliyunSmsSender sender = new AliyunSmsSender(URI.create("http://127.0.0.1:9"), "k", "s", "政协提案", "T",
				Duration.ofSeconds(1));
		assertThatThrownBy(() -> sender.send("msg_5", "13800000001", "x"))
			.satisfies((ex) -> assertThat(((SmsException) ex).isRetryable()).isTrue());
	}

	private AliyunSmsSender sender() {
		return new AliyunSmsSender(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()), "key-id",
				"key-secret", "政协提案", "SMS_0001", Duration.ofSeconds(2));
	}

}
