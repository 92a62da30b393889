package cn.gov.cppcc.proposals.common.security;

import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

/**
 * A service's own access token (OAuth2 client credentials against department-service),
 * for work done outside any user's request, such as reading the event feed. Cached until
 * shortly before it expires.
 */
public class ServiceTokenProvider {

	private final RestTemplate rest;

	private final String tokenUri;

	private final String clientId;

	private final String clientSecret;

	private String token;

	private Instant expiresAt = Instant.EPOCH;

	public ServiceTokenProvider(RestTemplate rest, String tokenUri, String clientId, String clientSecret) {
		this.rest = rest;
		this.tokenUri = tokenUri;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	public boolean isConfigured() {
		return this.clientId != null && this.clientSecret != null;
	}

	public synchronized String token() {
		if (this.token == null || Instant.now().isAfter(this.expiresAt.minusSeconds(60))) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
			headers.setBasicAuth(this.clientId, this.clientSecret);
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("grant_type", "client_credentials");
			@SuppressWarnings("unchecked")
			Map<String, Object> answer = this.rest.postForObject(this.tokenUri,
					new org.springframework.http.HttpEntity<>(form, headers), Map.class);
			if (answer == null || answer.get("access_token") == null) {
				throw new IllegalStateException("No token from " + this.tokenUri);
			}
			this.token = (String) answer.get("access_token");
			Number expiresIn = (Number) answer.getOrDefault("expires_in", 300);
			this.expiresAt = Instant.now().plusSeconds(expiresIn.longValue());
		}
		return this.token;
	}

}
