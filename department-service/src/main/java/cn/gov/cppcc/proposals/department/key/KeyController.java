package cn.gov.cppcc.proposals.department.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gov.cppcc.proposals.department.audit.AuditLog;

/**
 * The public JWKS for verifiers (open; also at {@code /.well-known/jwks.json}) and key
 * rotation (ADMIN).
 */
@RestController
class KeyController {

	private final SigningKeys keys;

	private final AuditLog audit;

	KeyController(SigningKeys keys, AuditLog audit) {
		this.keys = keys;
		this.audit = audit;
	}

	@GetMapping({ "/oauth2/jwks", "/.well-known/jwks.json" })
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
			.body(this.keys.publishedKeys().toJSONObject(true));
	}

	/**
	 * Rotation result.
	 *
	 * @param activeKid the new active key
	 * @param publishedKids every key still published
	 */
	record Rotated(String activeKid, List<String> publishedKids) {
	}

	@PostMapping("/api/v1/admin/signing-keys/rotate")
	Rotated rotate() {
		return this.audit.around("SIGNING_KEY_ROTATE", "SIGNING_KEY", null, () -> {
			String kid = this.keys.rotate();
			List<String> kids = this.keys.publishedKeys().getKeys().stream().map((k) -> k.getKeyID()).toList();
			return new Rotated(kid, kids);
		}, Rotated::activeKid);
	}

}
