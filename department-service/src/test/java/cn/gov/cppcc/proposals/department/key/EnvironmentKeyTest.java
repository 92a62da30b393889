package cn.gov.cppcc.proposals.department.key;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code JWT_PRIVATE_KEY}: a PKCS#8 PEM becomes the signing key, its public half derived,
 * its id the JWK thumbprint (stable across restarts and instances).
 */
class EnvironmentKeyTest {

	@Test
	void pkcs8PemIsRead() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		RSAKey key = SigningKeys.fromPem(pem);
		assertThat(key.isPrivate()).isTrue();
		assertThat(key.toRSAPublicKey().getModulus()).isEqualTo(((RSAPublicKey) pair.getPublic()).getModulus());
		assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
		assertThat(SigningKeys.fromPem(pem).getKeyID()).isEqualTo(key.getKeyID());
	}

	@Test
	void somethingElseIsRefusedAtStartUp() {
		assertThatThrownBy(() -> SigningKeys.fromPem("not a key")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("JWT_PRIVATE_KEY");
	}

}
