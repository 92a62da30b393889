package cn.gov.cppcc.proposals.notification.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Server-side request forgery guard: a webhook may only point at public addresses over
 * http(s), unless an ADMIN allowed its host. Checked when subscribing and again before
 * every delivery (the name may resolve elsewhere by then: DNS rebinding).
 */
@Component
class AddressGuard {

	private final WebhookProperties properties;

	private final WebhookRepository repository;

	AddressGuard(WebhookProperties properties, WebhookRepository repository) {
		this.properties = properties;
		this.repository = repository;
	}

	/**
	 * Why the URL may not be called, or {@code null} when it may.
	 * @param url the subscription URL
	 * @return a short reason or null
	 */
	String refusal(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return "malformed-url";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "scheme-not-allowed";
		}
		String host = uri.getHost();
		if (host == null || host.isBlank() || uri.getUserInfo() != null) {
			return "malformed-url";
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (allowedHosts().contains(host)) {
			return null;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return "unresolvable-host";
		}
		for (InetAddress address : addresses) {
			if (isInternal(address)) {
				return "internal-address";
			}
		}
		return null;
	}

	Set<String> allowedHosts() {
		Set<String> hosts = new TreeSet<>();
		this.properties.allowedHosts().forEach((h) -> hosts.add(h.toLowerCase(Locale.ROOT)));
		hosts.addAll(this.repository.allowedHosts());
		return hosts;
	}

	static boolean isInternal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet6Address) {
			// fc00::/7 unique local; ::ffff:a.b.c.d mapped addresses are unwrapped by
			// Java
			return (b[0] & 0xfe) == 0xfc;
		}
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		// 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 198.18.0.0/15 (benchmarking)
		return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second & 0xfe) == 18);
	}

}
