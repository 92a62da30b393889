package cn.gov.cppcc.proposals.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import com.nimbusds.jose.jwk.RSAKey;

/** Signing keys for the tests' tokens. */
public final class TestKeys {

	private TestKeys() {
	}

	/** A fresh 2048-bit RSA signing key with this key id. */
	public static RSAKey rsaKey(String kid) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(kid)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
