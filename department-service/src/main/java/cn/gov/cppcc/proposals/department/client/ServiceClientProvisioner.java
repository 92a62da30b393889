package cn.gov.cppcc.proposals.department.client;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import cn.gov.cppcc.proposals.department.config.DeploymentMode;

/**
 * Our own services' clients (docs/DEVELOPING.md "Service identity") exist in every mode,
 * with the secret {@code SERVICE_CLIENT_SECRET}: created when missing, their secret
 * updated when the environment changed it. Scopes {@code internal events:read}.
 */
@Component
@Order(10)
class ServiceClientProvisioner implements ApplicationRunner {

	static final List<String> SERVICES = List.of("proposal-service", "statistics-service", "notification-service",
			"gateway");

	private static final Logger log = LoggerFactory.getLogger(ServiceClientProvisioner.class);

	private final OAuthClientMapper mapper;

	private final PasswordEncoder encoder;

	private final DeploymentMode mode;

	ServiceClientProvisioner(OAuthClientMapper mapper, PasswordEncoder encoder, DeploymentMode mode) {
		this.mapper = mapper;
		this.encoder = encoder;
		this.mode = mode;
	}

	@Override
	public void run(ApplicationArguments args) {
		String secret = this.mode.serviceClientSecret();
		String hash = null;
		for (String service : SERVICES) {
			OAuthClient client = this.mapper.findByClientId(service);
			if (client == null) {
				hash = (hash != null) ? hash : this.encoder.encode(secret);
				client = new OAuthClient();
				client.clientId = service;
				client.secretHash = hash;
				client.name = service;
				client.scopes = "internal events:read";
				client.kind = "SERVICE";
				client.enabled = true;
				client.createdAt = Instant.now();
				this.mapper.insert(client);
				log.info("Service client {} created", service);
			}
			else if (!this.encoder.matches(secret, client.secretHash)) {
				hash = (hash != null) ? hash : this.encoder.encode(secret);
				client.secretHash = hash;
				this.mapper.updateById(client);
				log.info("Service client {}: secret updated from SERVICE_CLIENT_SECRET", service);
			}
		}
	}

}
