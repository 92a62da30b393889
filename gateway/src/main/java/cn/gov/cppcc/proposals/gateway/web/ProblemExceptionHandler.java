package cn.gov.cppcc.proposals.gateway.web;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

import cn.gov.cppcc.proposals.common.web.RequestIds;

/**
 * Replaces Boot's default error handler (which runs at order -1): every error the gateway
 * answers itself becomes a problem+json without a stack trace. Unknown paths 404; a
 * service that cannot be reached or whose breaker is open 503 with {@code Retry-After}; a
 * service too slow 504; size and type limits 413/415.
 */
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final ProblemResponses problems;

	private final Duration retryAfterUnavailable;

	private final Duration retryAfterOpen;

	public ProblemExceptionHandler(ProblemResponses problems, Duration retryAfterUnavailable, Duration retryAfterOpen) {
		this.problems = problems;
		this.retryAfterUnavailable = retryAfterUnavailable;
		this.retryAfterOpen = retryAfterOpen;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		String service = service(exchange);
		if (ex instanceof AuthenticationServiceException) {
			// the token could not be checked (department-service's keys unreachable): not
			// the
			// caller's fault, so not 401
			logDownstream(exchange, "department-service (JWKS)", ex);
			return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", this.retryAfterUnavailable,
					"department-service");
		}
		if (isCircuitOpen(ex)) {
			return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "circuit-open", this.retryAfterOpen, service);
		}
		if (isTimeout(ex)) {
			return write(exchange, HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", null, service);
		}
		if (isUnreachable(ex)) {
			logDownstream(exchange, service, ex);
			return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", this.retryAfterUnavailable,
					service);
		}
		if (ex instanceof DataBufferLimitException) {
			return write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", null);
		}
		if (ex instanceof UnsupportedMediaTypeStatusException) {
			return write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", null);
		}
		if (ex instanceof MethodNotAllowedException) {
			return write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", null);
		}
		if (ex instanceof NotAcceptableStatusException) {
			return write(exchange, HttpStatus.NOT_ACCEPTABLE, "not-acceptable", null);
		}
		if (ex instanceof org.springframework.http.InvalidMediaTypeException
				|| ex instanceof org.springframework.util.InvalidMimeTypeException) {
			// "Content-Type: application/json; charset=nonsense" (BadInputDrill: was 500)
			return write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", null);
		}
		if (ex instanceof ServerWebInputException) {
			return write(exchange, HttpStatus.BAD_REQUEST, "malformed-request", null);
		}
		if (ex instanceof ResponseStatusException rse) {
			HttpStatusCode status = rse.getStatusCode();
			return switch (status.value()) {
				case 404 -> write(exchange, status, "not-found", null);
				case 413 -> write(exchange, status, "payload-too-large", null);
				case 429 -> write(exchange, status, "rate-limited", this.retryAfterUnavailable);
				case 502 -> write(exchange, status, "bad-gateway", null, service);
				case 503 -> write(exchange, status, "dependency-unavailable", this.retryAfterUnavailable, service);
				case 504 -> write(exchange, status, "gateway-timeout", null, service);
				default -> (status.is4xxClientError()) ? write(exchange, status, "request-refused", null)
						: internal(exchange, ex);
			};
		}
		return internal(exchange, ex);
	}

	private Mono<Void> internal(ServerWebExchange exchange, Throwable ex) {
		withRequestId(exchange, () -> log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value(), ex));
		return write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null);
	}

	private void logDownstream(ServerWebExchange exchange, String service, Throwable ex) {
		withRequestId(exchange, () -> log.warn("{} unreachable for {} {}: {}", service,
				exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), ex.toString()));
	}

	private static void withRequestId(ServerWebExchange exchange, Runnable action) {
		String requestId = exchange.getAttribute(RequestContextFilter.REQUEST_ID_ATTR);
		if (requestId != null) {
			MDC.put(RequestIds.MDC_KEY, requestId);
		}
		try {
			action.run();
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, Duration retryAfter,
			Object... args) {
		ProblemDetail problem = this.problems.create(exchange, status, code, args);
		return this.problems.write(exchange, problem, retryAfter);
	}

	private static String service(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return "-";
		}
		String host = route.getUri().getHost();
		return (host != null) ? host : route.getId();
	}

	private static boolean isCircuitOpen(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof CallNotPermittedException) {
				return true;
			}
		}
		return ex instanceof ServiceUnavailableException;
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof TimeoutException || t instanceof org.springframework.cloud.gateway.support.TimeoutException
					|| t instanceof io.netty.handler.timeout.ReadTimeoutException) {
				return true;
			}
			if (t instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUnreachable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof ClosedChannelException
					|| t instanceof io.netty.channel.ConnectTimeoutException
					|| t instanceof reactor.netty.http.client.PrematureCloseException
					|| t instanceof org.springframework.cloud.gateway.support.NotFoundException) {
				return true;
			}
			// the service died while answering (KillDrill: SIGKILL mid-request gave
			// 500s): "Connection reset by peer" from the epoll transport, or from the
			// JDK's NIO one
			if (t instanceof java.net.SocketException
					|| t.getClass().getName().equals("io.netty.channel.unix.Errors$NativeIoException")) {
				return true;
			}
		}
		return false;
	}

}
