#!/usr/bin/env python3
"""CPU (jdk.ExecutionSample) or allocation (jdk.ObjectAllocationSample) of a JFR recording, per component.

    bench/jfr-components.py recording.jfr [cpu|alloc] [thread-name-prefix]

Reads `jfr print` output (JDK 17+ `jfr` on the PATH, or JFR=/path/to/jfr). Each sample is given to one component:
walking its stack from the innermost frame outwards, the first frame that matches a *specific* component (a filter of
ours, Spring Security, the JWT decoder, Resilience4j, ...) takes it; a sample with none goes to the first *generic*
one (Netty, Reactor, Spring Web, the JDK). "self" is that share; "incl" is the share of samples whose stack contains
the component anywhere (nested components count in both). Allocation samples are weighted by their weight (bytes).
"""
import collections
import os
import re
import subprocess
import sys

# (component, patterns): a frame matches when one pattern is a substring of "package.Class.method"
SPECIFIC = [
    ("JWT: RSA signature (JDK)", ["sun.security.rsa", "java.security.Signature", "sun.security.util", "java.math.BigInteger",
                                  "sun.security.provider"]),
    ("JWT: Nimbus parse/verify", ["com.nimbusds"]),
    ("JWT: claims conversion/validation", ["MappedJwtClaimSetConverter", "JwtTimestampValidator", "JwtIssuerValidator",
                                          "AudienceValidator", "DelegatingOAuth2TokenValidator", "JwtValidators",
                                          "ClaimTypeConverter", "ObjectToListStringConverter", "springframework.security.oauth2.jwt"]),
    ("JWT: authentication converter", ["JwtAuthenticationConverter", "JwtGrantedAuthoritiesConverter",
                                       "ReactiveJwtAuthenticationConverterAdapter", "JwtAuthenticationToken"]),
    ("JWT cache (ours)", ["gateway.security.CachingJwtDecoder", "gateway.security.VerifiedTokens"]),
    ("Security: bearer/auth filter", ["ServerBearerTokenAuthenticationConverter", "AuthenticationWebFilter",
                                      "JwtReactiveAuthenticationManager", "ServerWebExchangeDelegatingReactiveAuthenticationManagerResolver",
                                      "springframework.security.oauth2.server.resource"]),
    ("Security: header writers", ["springframework.security.web.server.header"]),
    ("Security: authorization/matchers", ["AuthorizationWebFilter", "DelegatingReactiveAuthorizationManager",
                                          "PathPatternParserServerWebExchangeMatcher", "springframework.security.web.server.util.matcher",
                                          "springframework.security.authorization"]),
    ("Security: other (chain, context, anonymous, firewall)", ["org.springframework.security"]),
    ("Access log (logback/slf4j/MDC)", ["ch.qos.logback", "org.slf4j", "RequestContextFilter.log"]),
    ("Metrics (Micrometer/Prometheus)", ["io.micrometer", "io.prometheus", "GatewayMetricsFilter"]),
    ("Circuit breaker (Resilience4j + SC CircuitBreaker)", ["io.github.resilience4j", "springframework.cloud.circuitbreaker",
                                                            "SpringCloudCircuitBreakerFilterFactory"]),
    ("Retry (SafeRetry/RetryGatewayFilterFactory)", ["RetryGatewayFilterFactory", "reactor.util.retry", "SafeRetry",
                                                     "reactor.retry"]),
    ("Load balancer", ["springframework.cloud.loadbalancer", "springframework.cloud.client.loadbalancer",
                       "ReactiveLoadBalancerClientFilter", "springframework.cloud.client.discovery",
                       "springframework.cloud.client.DefaultServiceInstance"]),
    ("Rate limit (ours)", ["gateway.ratelimit"]),
    ("Request context (ours: ids, traceparent, headers)", ["gateway.web.RequestContextFilter", "common.web.RequestIds"]),
    ("Request limits (ours)", ["gateway.web.RequestLimitsFilter"]),
    ("Client address headers (ours)", ["gateway.web.ClientAddressHeadersFilter"]),
    ("CORS", ["ProblemCorsFilter", "springframework.web.cors"]),
    ("Gateway: header filters", ["springframework.cloud.gateway.filter.headers"]),
    ("Gateway: route lookup/predicates", ["RoutePredicateHandlerMapping", "springframework.cloud.gateway.handler.predicate",
                                          "springframework.cloud.gateway.handler.AsyncPredicate", "CachingRouteLocator",
                                          "springframework.web.util.pattern"]),
    ("Gateway: Netty routing (client side)", ["NettyRoutingFilter", "NettyWriteResponseFilter", "reactor.netty.http.client",
                                              "reactor.netty.resources"]),
    ("Gateway: other filters/handler", ["org.springframework.cloud.gateway"]),
    ("Observation (Micrometer Observation)", ["io.micrometer.observation"]),
]
GENERIC = [
    ("Netty server (reactor-netty http server)", ["reactor.netty.http.server"]),
    ("Netty I/O and codecs", ["io.netty", "reactor.netty"]),
    ("Spring WebFlux/Web (handler, exchange, headers)", ["org.springframework.web", "org.springframework.http",
                                                         "org.springframework.core", "org.springframework.util"]),
    ("Reactor core (operators, context)", ["reactor.core", "reactor.util"]),
    ("JDK", ["java.", "jdk.", "sun."]),
]

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")


def samples(path, event, thread_prefix):
    jfr = os.environ.get("JFR", "jfr")
    out = subprocess.run([jfr, "print", "--stack-depth", "256", "--events", event, path],
                         check=True, capture_output=True, text=True).stdout
    frames, weight, thread, in_stack = [], 1, "", False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith(event) and s.endswith("{"):
            frames, weight, thread, in_stack = [], 1, "", False
        elif s.startswith("sampledThread =") or s.startswith("eventThread ="):
            thread = s.split("=", 1)[1].strip().strip('"').split('"')[0]
        elif s.startswith("weight ="):
            v = s.split("=", 1)[1].strip()
            weight = parse_bytes(v)
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
        elif in_stack:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))
        elif s == "}":
            if frames and thread.startswith(thread_prefix):
                yield frames, weight
            frames = []


def parse_bytes(v):
    m = re.match(r"([\d.,]+)\s*(\w+)?", v)
    if not m:
        return 1
    n = float(m.group(1).replace(",", ""))
    unit = (m.group(2) or "bytes").lower()
    return n * {"bytes": 1, "byte": 1, "kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3}.get(unit, 1)


def classify(frames, table):
    for frame in frames:
        for name, patterns in table:
            if any(p in frame for p in patterns):
                return name
    return None


def main():
    path = sys.argv[1]
    kind = sys.argv[2] if len(sys.argv) > 2 else "cpu"
    prefix = sys.argv[3] if len(sys.argv) > 3 else ""
    event = "jdk.ExecutionSample" if kind == "cpu" else "jdk.ObjectAllocationSample"
    self_w, incl_w, leaf_w = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for frames, weight in samples(path, event, prefix):
        w = weight if kind != "cpu" else 1
        total += w
        attribute(frames, w, self_w, incl_w, "other")
        leaf_w[frames[0]] += w
    unit = "samples" if kind == "cpu" else "sampled bytes (weight)"
    print(f"{path}: {total:.0f} {unit}{' on threads ' + prefix + '*' if prefix else ''}\n")
    print_components(self_w, incl_w, leaf_w, total, "Top innermost frames:", 40)


def attribute(frames, weight, self_w, incl_w, unowned):
    """Adds one sample (frames innermost first) to its owning component (self) and to every component on its stack
    (incl)."""
    owner = classify(frames, SPECIFIC) or classify(frames, GENERIC) or unowned
    self_w[owner] += weight
    seen = {name for name, patterns in SPECIFIC + GENERIC for frame in frames if any(p in frame for p in patterns)}
    for name in seen:
        incl_w[name] += weight


def print_components(self_w, incl_w, leaf_w, total, leaf_title, leaves):
    print("| component | self % | incl % |")
    print("|---|---|---|")
    for name, w in self_w.most_common():
        print(f"| {name} | {100 * w / total:.1f} | {100 * incl_w.get(name, 0) / total:.1f} |")
    print(f"\n{leaf_title}")
    for frame, w in leaf_w.most_common(leaves):
        print(f"  {100 * w / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
