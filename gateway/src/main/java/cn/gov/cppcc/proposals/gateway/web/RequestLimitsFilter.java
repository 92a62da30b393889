package cn.gov.cppcc.proposals.gateway.web;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import cn.gov.cppcc.proposals.gateway.config.GatewayProperties;

/**
 * Refuses at the door, before any token check or routing: internal endpoints (404, they
 * are for service-to-service calls only), oversized header sections (431), oversized
 * bodies (413, from {@code Content-Length} at once, or while streaming a chunked body:
 * nothing is buffered) and bodies of a type no endpoint accepts (415).
 */
public class RequestLimitsFilter implements WebFilter, Ordered {

	private static final PathPattern INTERNAL = PathPatternParser.defaultInstance.parse("/api/v1/internal/**");

	private static final PathPattern TOKEN_ENDPOINT = PathPatternParser.defaultInstance.parse("/oauth2/token");

	private final ProblemResponses problems;

	private final long maxBodySize;

	private final long maxHeaderSize;

	private final long maxUriLength;

	private final List<PathPattern> multipartPaths;

	public RequestLimitsFilter(ProblemResponses problems, GatewayProperties.Limits limits) {
		this.problems = problems;
		this.maxBodySize = limits.maxBodySize().toBytes();
		this.maxHeaderSize = limits.maxHeaderSize().toBytes();
		this.maxUriLength = limits.maxUriLength().toBytes();
		this.multipartPaths = limits.multipartPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		PathContainer path = request.getPath().pathWithinApplication();
		if (INTERNAL.matches(path)) {
			return this.problems.write(exchange, HttpStatus.NOT_FOUND, "not-found");
		}
		// Netty's own request-line limit (server.netty.max-initial-line-length) is kept
		// above
		// this one so that the answer is a problem, not Netty's empty 414
		String rawQuery = request.getURI().getRawQuery();
		long uriLength = request.getURI().getRawPath().length() + ((rawQuery != null) ? rawQuery.length() + 1 : 0);
		if (uriLength > this.maxUriLength) {
			return this.problems.write(exchange, HttpStatus.URI_TOO_LONG, "uri-too-long");
		}
		HttpHeaders headers = request.getHeaders();
		if (headerSize(headers) > this.maxHeaderSize) {
			return this.problems.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header-too-large");
		}
		long contentLength = headers.getContentLength();
		boolean chunked = headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (contentLength <= 0 && !chunked) {
			return chain.filter(exchange);
		}
		if (contentLength > this.maxBodySize) {
			return this.problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
		}
		if (!acceptedType(request.getMethod(), path, headers.getContentType())) {
			return this.problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
		}
		if (contentLength > 0) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(new LimitedBody(request, this.maxBodySize)).build());
	}

	private boolean acceptedType(HttpMethod method, PathContainer path, MediaType type) {
		if (type == null) {
			return false;
		}
		if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix())) {
			return true;
		}
		if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
			return HttpMethod.POST.equals(method) && TOKEN_ENDPOINT.matches(path);
		}
		if (MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
			for (PathPattern pattern : this.multipartPaths) {
				if (pattern.matches(path)) {
					return true;
				}
			}
		}
		return false;
	}

	private static long headerSize(HttpHeaders headers) {
		long size = 0;
		for (Map.Entry<String, List<String>> entry : headers.headerSet()) {
			for (String value : entry.getValue()) {
				size += entry.getKey().length() + value.length() + 4;
			}
		}
		return size;
	}

	/**
	 * A chunked body counted as it streams to the service; past the limit the request
	 * fails with 413 (and the service sees an aborted body).
	 */
	private static final class LimitedBody extends ServerHttpRequestDecorator {

		private final long max;

		LimitedBody(ServerHttpRequest delegate, long max) {
			super(delegate);
			this.max = max;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			long[] seen = { 0 };
			return super.getBody().doOnNext((buffer) -> {
				seen[0] += buffer.readableByteCount();
				if (seen[0] > this.max) {
					DataBufferUtils.release(buffer);
					throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
				}
			});
		}

	}

}
