package cn.gov.cppcc.proposals.notification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import cn.gov.cppcc.proposals.common.event.EventEnvelope;
import cn.gov.cppcc.proposals.notification.delivery.DeliveryWorker;
import cn.gov.cppcc.proposals.notification.feed.EventApplier;

/**
 * One application context for every integration test: real embedded MariaDB with the real
 * migrations, a real HTTP port, department-service stubbed over HTTP, workers driven by
 * the tests ({@link DeliveryWorker#drain()}) instead of the scheduler.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.notification.feed-enabled=false", "platform.notification.workers-enabled=false",
				"platform.notification.email-backoff=100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms",
				"platform.notification.sms-backoff=100ms,100ms",
				"platform.notification.webhook-backoff=100ms,100ms,100ms",
				"platform.notification.group-backoff=100ms,100ms,100ms,100ms,100ms,100ms",
				"platform.notification.sms-per-recipient-per-hour=3", "platform.notification.sms-global-per-hour=1000",
				"platform.notification.claim-duration=30s", "platform.webhooks.allowed-hosts=127.0.0.1",
				"platform.webhooks.read-timeout=2s",
				// the Feign breakers open when a stub is down (common's defaults) and
				// must let a
				// test see the recovery within its backoffs, not after 10 s
				"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=200ms" })
@AutoConfigureMockMvc
@Import(TestKeys.class)
public abstract class IntegrationTest {

	@Autowired(required = false)
	private CircuitBreakerRegistry circuitBreakers;

	/**
	 * Every test starts with closed breakers: the context (and its breakers) is shared by
	 * the test classes, and a test that takes department-service or the feed down leaves
	 * them open.
	 */
	@BeforeEach
	void closeCircuitBreakers() {
		if (this.circuitBreakers != null) {
			this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		}
	}

	public static final Stubs.Department DEPARTMENT;

	public static final Stubs.Feed FEED;

	static final int MAIL_PORT = Stubs.freePort();

	static final Path SMS_FILE;

	static final KeyPair KEYS;

	static {
		try {
			DEPARTMENT = new Stubs.Department();
			FEED = new Stubs.Feed();
			SMS_FILE = Files.createTempDirectory("sms-").resolve("sms-outbox.log");
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KEYS = generator.generateKeyPair();
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.department-service[0].uri", DEPARTMENT::url);
		registry.add("spring.cloud.discovery.client.simple.instances.proposal-service[0].uri", FEED::url);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL_PORT);
		registry.add("platform.sms.file", SMS_FILE::toString);
	}

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected EventApplier applier;

	@Autowired
	protected DeliveryWorker worker;

	@LocalServerPort
	protected int port;

	protected void apply(EventEnvelope... events) {
		for (EventEnvelope event : events) {
			this.applier.apply(event);
		}
	}

	/**
	 * Let deferred fan-outs (a unit's or the committee's staff looked up later, when
	 * department-service was slow) finish.
	 */
	protected void settle() {
		for (int i = 0; i < 30; i++) {
			this.worker.drain();
			long pending = this.jdbc.sql("SELECT COUNT(*) FROM delivery WHERE channel = 'GROUP' AND state = 'PENDING'")
				.query(Long.class)
				.single();
			if (pending == 0) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	protected Set<String> inboxRecipients(EventEnvelope event) {
		return this.jdbc.sql("SELECT recipient_id FROM notification WHERE event_id = :e")
			.param("e", event.id())
			.query(String.class)
			.list()
			.stream()
			.collect(Collectors.toSet());
	}

	/** A person's access token as department-service would issue it. */
	protected static String userToken(String id, String role, String unitId) {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("cppcc-proposal-platform")
			.audience(List.of("proposal-platform"))
			.subject(id)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600))
			.claim("preferred_username", id.replace("u-", ""))
			.claim("name", id)
			.claim("roles", List.of(role))
			.claim("token_kind", "user");
		if (unitId != null) {
			claims.claim("unit_id", unitId);
		}
		return encode(claims.build());
	}

	/** An integrating client's token with scopes. */
	protected static String clientToken(String clientId, String... scopes) {
		return encode(JwtClaimsSet.builder()
			.issuer("cppcc-proposal-platform")
			.audience(List.of("proposal-platform"))
			.subject(clientId)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600))
			.claim("scope", String.join(" ", scopes))
			.claim("roles", List.of())
			.claim("token_kind", "client")
			.build());
	}

	protected static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String encode(JwtClaimsSet claims) {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).privateKey((RSAPrivateKey) KEYS.getPrivate())
			.keyID("test")
			.build();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		return encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build(), claims))
			.getTokenValue();
	}

}
