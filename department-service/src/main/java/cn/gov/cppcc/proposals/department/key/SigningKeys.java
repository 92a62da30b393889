package cn.gov.cppcc.proposals.department.key;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.common.database.DatabaseFailures;
import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.department.config.IdentityProperties;

/**
 * The RS256 keys that sign access tokens. One key is active; a retired key stays in the
 * published JWKS until every token it signed has expired (access token lifetime plus a
 * margin), so rotating keys logs nobody out. The key is generated at first start and kept
 * in the database, or, in deployment, taken from {@code JWT_PRIVATE_KEY} (a PKCS#8 PEM)
 * and never written to the database.
 */
@Service
public class SigningKeys implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final Duration CACHE = Duration.ofSeconds(30);

	private static final Duration RETRY = Duration.ofSeconds(5);

	private static final Duration MARGIN = Duration.ofMinutes(5);

	private final SigningKeyMapper mapper;

	private final IdentityProperties properties;

	private final TransactionTemplate tx;

	private final String environmentKey;

	private volatile RSAKey external;

	private volatile RSAKey signing;

	private volatile JWKSet published;

	private volatile Instant loadedAt = Instant.EPOCH;

	SigningKeys(SigningKeyMapper mapper, IdentityProperties properties, PlatformTransactionManager transactions,
			Environment environment) {
		this.mapper = mapper;
		this.properties = properties;
		this.tx = new TransactionTemplate(transactions);
		this.environmentKey = environment.getProperty("JWT_PRIVATE_KEY");
	}

	@Override
	public void afterPropertiesSet() {
		if (this.environmentKey != null && !this.environmentKey.isBlank()) {
			this.external = fromPem(this.environmentKey);
			this.tx.executeWithoutResult((status) -> {
				if (this.mapper.selectById(this.external.getKeyID()) == null) {
					SigningKey row = row(this.external, null);
					this.mapper.insert(row);
				}
				this.mapper.retireAllBut(this.external.getKeyID(), Instant.now());
			});
			log.info("Signing key {} taken from JWT_PRIVATE_KEY", this.external.getKeyID());
		}
		else if (this.mapper.active().isEmpty()) {
			RSAKey key = generate();
			this.mapper.insert(row(key, key.toJSONString()));
			log.info("Signing key {} generated", key.getKeyID());
		}
		reload();
	}

	/**
	 * The key that signs new tokens (with its private part).
	 * @return the key
	 */
	public RSAKey signingKey() {
		refreshIfStale();
		return this.signing;
	}

	/**
	 * The public keys a verifier needs: the active key and the recently retired ones.
	 * @return the public JWK set
	 */
	public JWKSet publishedKeys() {
		refreshIfStale();
		return this.published;
	}

	/**
	 * Makes a new active key; the old one stays published until its tokens expire.
	 * @return the new key id
	 */
	public String rotate() {
		if (this.external != null) {
			throw ApiException.conflict("signing-key-external");
		}
		RSAKey key = generate();
		this.tx.executeWithoutResult((status) -> {
			this.mapper.insert(row(key, key.toJSONString()));
			this.mapper.retireAllBut(key.getKeyID(), Instant.now());
		});
		reload();
		log.info("Signing key rotated: {} is now active", key.getKeyID());
		return key.getKeyID();
	}

	private void refreshIfStale() {
		if (Instant.now().isAfter(this.loadedAt.plus(CACHE))) {
			try {
				reload();
			}
			catch (RuntimeException ex) {
				if (this.published == null || !DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				// A database outage invalidates no token: keep verifying with the keys
				// read
				// last (a key can only be rotated through the database), read them again
				// in
				// RETRY. Failing here made every token look invalid (401) while the
				// database was down, instead of 503 from the endpoints that need it
				// (database drill, issue 10).
				Instant lastRead = this.loadedAt;
				this.loadedAt = Instant.now().minus(CACHE).plus(RETRY);
				log.debug("Signing keys not re-read (database unavailable), still those read at {}: {}", lastRead,
						ex.toString());
			}
		}
	}

	private synchronized void reload() {
		Instant now = Instant.now();
		List<SigningKey> rows = this.mapper.published(now.minus(this.properties.accessTokenTtl()).minus(MARGIN));
		RSAKey active = this.external;
		List<JWK> keys = new ArrayList<>();
		for (SigningKey row : rows) {
			RSAKey publicKey = parse(row.publicJwk);
			keys.add(publicKey);
			if (active == null && "ACTIVE".equals(row.status) && row.privateKey != null) {
				active = parse(row.privateKey);
			}
		}
		if (active == null) {
			throw new IllegalStateException("No active signing key");
		}
		this.signing = active;
		this.published = new JWKSet(keys);
		this.loadedAt = now;
	}

	private static SigningKey row(RSAKey key, String privateJwk) {
		SigningKey row = new SigningKey();
		row.kid = key.getKeyID();
		row.publicJwk = key.toPublicJWK().toJSONString();
		row.privateKey = privateJwk;
		row.status = "ACTIVE";
		row.createdAt = Instant.now();
		return row;
	}

	private static RSAKey generate() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
			return new RSAKey.Builder(key).keyIDFromThumbprint().build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a signing key", ex);
		}
	}

	static RSAKey fromPem(String pem) {
		try {
			String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			RSAPublicKey publicKey = (RSAPublicKey) factory
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException("JWT_PRIVATE_KEY is not an RSA private key in PKCS#8 PEM form", ex);
		}
	}

	private static RSAKey parse(String json) {
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Unreadable signing key", ex);
		}
	}

}
